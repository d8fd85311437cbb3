"""Date roles missed on blind sets 6 and 7, read through the public entry point
(`extract_facts`): a last day named as "the last day to pay is", a Spanish "Fecha límite:"
line, a cue left hanging above a date set out on its own line, a Spanish lease expiry
before the real deadline, "ha vivido ... desde el" as the tenancy start, abbreviated
weekdays, "which is <date>" after a period, a return of service and "date of delivery".
Each comes with guards that the neighbouring reading is unchanged.

Every notice here is fictional and written for these tests."""

from __future__ import annotations

import pytest

from tests.analysis.helpers import date_roles

_HEAD = (
    "THREE-DAY NOTICE TO PAY RENT OR QUIT\n\n"
    "TO: Ambrose Quillfeather and all other occupants\n"
    "PREMISES: 77 Juniper Wick Lane, Unit 4, Harrowgate, CA 95999\n\n"
    "Rent for March 2026 of $1,640.00 is due and unpaid.\n"
)
_HEAD_ES = (
    "AVISO DE 3 DÍAS PARA PAGAR LA RENTA O DESOCUPAR\n\n"
    "PARA: Casilda Robledo Antúnez y todos los demás ocupantes\n"
    "DOMICILIO: 915 Calle Almendro, Depto. 2, Villa Roca, CA 91999\n\n"
    "La renta de marzo de 2026 de $1,480.00 está vencida y no ha sido pagada.\n"
)


@pytest.mark.parametrize(
    "sentence",
    [
        "The last day to pay is THURSDAY, MARCH 19, 2026.",
        "The final day for payment of the full amount is Thursday, March 19, 2026.",
        "Your last day will be Thursday, March 19, 2026; please return the keys.",
    ],
)
def test_the_last_day_to_pay_is_the_deadline(sentence):
    text = _HEAD + f"You must pay within three days or leave. {sentence}\n\nDated: March 16, 2026\n"
    roles = date_roles(text)
    assert roles["deadlineDate"] == "2026-03-19"
    assert roles["noticeDate"] == "2026-03-16"


def test_the_last_day_for_which_rent_was_paid_is_no_deadline():
    text = _HEAD + "The last day for which rent was paid is February 28, 2026.\n\nDated: March 16, 2026\n"
    assert date_roles(text)["deadlineDate"] is None


def test_spanish_fecha_limite_is_the_deadline_and_fecha_still_dates_the_notice():
    text = (
        _HEAD_ES + "Debe pagar dentro de tres (3) días. Fecha límite: JUEVES 19 DE\nMARZO DE 2026. Si no paga, "
        "se presentará una demanda.\n\nFecha: 16 de marzo de 2026        Arrendador: Fermín Olazábal Ruiz\n"
    )
    roles = date_roles(text)
    assert roles["deadlineDate"] == "2026-03-19"
    assert roles["noticeDate"] == "2026-03-16"


def test_a_plain_fecha_line_is_still_the_notice_date():
    text = _HEAD_ES + "Debe pagar dentro de tres (3) días.\n\nFecha: 16 de marzo de 2026\n"
    roles = date_roles(text)
    assert roles["noticeDate"] == "2026-03-16"
    assert roles["deadlineDate"] is None


@pytest.mark.parametrize("cue", ["TO WIT: ON OR BEFORE", "N0 LATER THAN"])
def test_a_cue_hanging_above_a_date_on_its_own_line(cue):
    text = (
        _HEAD.upper() + f"PAY THE RENT OR DELIVER POSSESSION WITHIN 3 DAYS, {cue}\n\n          3/19/26\n\n"
        "DATE OF DELIVERY:  3/16/26 (HAND DELIVERED)\n"
    )
    roles = date_roles(text)
    assert roles["deadlineDate"] == "2026-03-19"
    assert roles["serviceDate"] == "2026-03-16"
    assert roles["noticeDate"] != "2026-03-19"  # the set-out deadline is not the letter's date


def test_a_date_under_a_title_after_a_blank_line_is_the_letter_date():
    text = (
        "FINAL NOTICE OF TERMINATION\n\n          March 2, 2026\n\n"
        "Dear Ms. Wrenfield,\nYour tenancy at 12 Osier Court, Harrowgate, CA 95999 will end on April 30, 2026.\n"
    )
    roles = date_roles(text)
    assert roles["noticeDate"] == "2026-03-02"
    assert roles["deadlineDate"] == "2026-04-30"


def test_spanish_lease_expiry_is_not_the_deadline_and_desde_is_the_tenancy_start():
    text = (
        "AVISO DE NO RENOVACIÓN\n\nFecha: 4 de marzo de 2026\n\nPara: Leocadia Furtado Brisas\n\n"
        "Su contrato de arrendamiento vence el 31 de mayo de 2026 y no será renovado. Usted ha residido en "
        "el apartamento desde el\n15 de agosto de 2020. Deberá desocupar la vivienda a más tardar el "
        "3 de junio de 2026.\n\nEntregado personalmente el 4 de marzo de 2026.\n"
    )
    roles = date_roles(text)
    assert roles["deadlineDate"] == "2026-06-03"
    assert roles["tenancyStartDate"] == "2020-08-15"
    assert roles["serviceDate"] == "2026-03-04"


def test_spanish_plazo_vence_is_still_the_deadline():
    text = _HEAD_ES + "El plazo para pagar vence el 19 de marzo de 2026.\n\nFecha: 16 de marzo de 2026\n"
    assert date_roles(text)["deadlineDate"] == "2026-03-19"


def test_spanish_breach_since_a_date_is_no_tenancy_start():
    text = (
        _HEAD_ES + "Además, desde el 1 de marzo de 2026 usted estaciona un camión en el pasillo.\n\n"
        "Fecha: 16 de marzo de 2026\n"
    )
    assert date_roles(text)["tenancyStartDate"] is None


@pytest.mark.parametrize("when", ["wed march 18th 2026", "Wed. March 18, 2026"])
def test_by_an_abbreviated_weekday_is_the_deadline(when):
    text = f"hi ambrose, rent is late again. pay it all or move out, by {when}. thanks\n"
    assert date_roles(text)["deadlineDate"] == "2026-03-18"


def test_by_the_nth_day_which_is_a_date_is_the_deadline():
    text = (
        "March 2, 2026\n\nDear Mr. Quillfeather,\nYour lease (April 1, 2025 - March 31, 2026) will not be "
        "renewed. Please move out by the 20th day after service of this letter, which is Sunday, "
        "March 22, 2026.\n"
    )
    roles = date_roles(text)
    assert roles["deadlineDate"] == "2026-03-22"
    assert roles["noticeDate"] == "2026-03-02"


@pytest.mark.parametrize(
    "line",
    [
        "RETURN OF SERVICE: On Tuesday, March 17, 2026, I served this notice in hand.",
        "CONSTABLE'S RETURN: On March 17, 2026 I served this notice on the tenant.",
        "Date and time of delivery: Tuesday, March 17, 2026, 3:00 p.m.",
    ],
)
def test_a_return_of_service_or_date_of_delivery_is_the_service_date(line):
    text = _HEAD + "You must pay on or before March 20, 2026 or leave.\n\nDated: March 16, 2026\n\n" + line + "\n"
    roles = date_roles(text)
    assert roles["serviceDate"] == "2026-03-17"
    assert roles["noticeDate"] == "2026-03-16"
    assert roles["deadlineDate"] == "2026-03-20"


def test_a_date_line_and_a_lease_date_keep_their_roles():
    text = _HEAD + "Lease signed on June 1, 2024.\nPay on or before March 20, 2026.\n\nDate: March 16, 2026\n"
    roles = date_roles(text)
    assert roles["noticeDate"] == "2026-03-16"
    assert roles["deadlineDate"] == "2026-03-20"
    assert roles["serviceDate"] is None
