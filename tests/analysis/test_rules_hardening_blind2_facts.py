"""Generic extractor behaviours (periods, dates, service, money) added after the second
blind set's first contact (docs/evaluation.md, "Blind set 2, after hardening"). Each case is
fresh fictional wording, not a blind notice."""

from __future__ import annotations

import pytest

from batches.analysis.rules import extract_facts
from batches.analysis.rules_dates import find_dates
from batches.analysis.textnorm import normalize

# --- stated periods --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "days"),
    [
        (
            "NOTICE TO PAY OR LEAVE\nTo: Tenant Q. Example\n\nYou have five (5) days from the date of this notice to pay $800.00 or leave.",
            5,
        ),
        (
            "NOTICE TO QUIT\nTo: Tenant Q. Example\n\nDeliver up possession by June 30, being not less than sixty (60) days from now.",
            60,
        ),
        (
            "NOTICE TO QUIT\nTo: Tenant Q. Example\n\nVacate on or before July 31, 2025, which is forty-five (45) days from today.",
            45,
        ),
        (
            "AVISO DE TERMINACION\nPara: Inquilino Q. Ejemplo\n\nSu contrato termina. Este aviso se da con veinte (20) dias de anticipacion.",
            20,
        ),
    ],
)
def test_stated_period_lead_and_tail_words(text, days):
    assert extract_facts(text)["noticeDays"] == days


@pytest.mark.parametrize(
    "text",
    [
        "NOTICE OF TERMINATION\n\nBecause a tenant fired a gun in the hallway, your lease is terminated immediately. "
        "You must vacate at once.",
        "AVISO DE TERMINACION INMEDIATA\n\nPor actividad ilegal en la unidad, debe desocupar inmediatamente.",
    ],
)
def test_an_immediate_termination_gives_zero_days(text):
    facts = extract_facts(text)
    assert (facts["noticeDays"], facts["dayCounting"]) == (0, "calendar")


def test_pay_immediately_is_not_a_zero_day_notice():
    text = "NOTICE TO PAY RENT OR QUIT\n\nPlease call us immediately. Pay $700.00 within three (3) days or quit."
    assert extract_facts(text)["noticeDays"] == 3


# --- dates ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "role", "iso"),
    [
        ("Please return the keys on or\nbefore  April 30, 2025.", "deadlineDate", "2025-04-30"),
        ("Payment must reach the office by 4:30 PM on FRIDAY, MARCH 7, 2025.", "deadlineDate", "2025-03-07"),
        ("Debe pagar o desocupar, es decir a\nmas tardar el lunes 3 de marzo de 2025.", "deadlineDate", "2025-03-03"),
        ("Su arrendamiento terminara el 31 de mayo de 2025.", "deadlineDate", "2025-05-31"),
        ("You have lived in the unit since on or about May 1, 2018.", "tenancyStartDate", "2018-05-01"),
        ("Enviado por correo certificado el 04/03/2025.\nFecha: 4 de marzo de 2025", "serviceDate", "2025-03-04"),
        ("Segun su contrato de arrendamiento de fecha 1 de mayo de 2022:\nFecha: 2 de junio de 2025", "noticeDate",
         "2025-06-02"),
        ("AFFIDAVIT OF SERVICE: After two attempts (03/01/2025 and 03/02/2025) I posted it on 03/03/2025.",
         "serviceDate", "2025-03-03"),
        ("DECLARATION OF SERVICE: On 4/9/2025 I handed a copy to the tenant.", "serviceDate", "2025-04-09"),
    ],
)  # fmt: skip
def test_date_roles_after_blind2(text, role, iso):
    assert extract_facts(text)[role] == iso


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Served 13/02/2025; also on 02/03/2025.", "2025-03-02"),  # 13/02 proves day-first
        ("Served 02/13/2025; also on 02/03/2025.", "2025-02-03"),  # 02/13 proves month-first
        ("Fecha: 1 de marzo de 2025. Servido el 05/03/2025.", "2025-03-05"),  # Spanish: day first
        ("Date: March 1, 2025. Served 05/03/2025.", "2025-05-03"),  # English: month first
    ],
)
def test_numeric_date_order_follows_the_document(text, iso):
    assert find_dates(normalize(text).low)[-1].iso == iso


# --- service -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "method"),
    [
        ("Pay at the office or by check mailed to 1 Example Way.\nServed personally on the tenant 5/2/2025.",
         "personal"),
        ("Hand-delivered to the tenant on 5/2/2025.", "personal"),
        ("Personally served on the tenant 5/2/2025 by R. Example.", "personal"),
        ("On 5/2/2025 I posted a copy on the door and deposited a copy in the U.S. mail to the tenant.",
         "posting-and-mail"),
        ("El 2/5/2025 fije una copia en la puerta de la vivienda y el mismo dia envie una copia por correo "
         "de primera clase.", "posting-and-mail"),
        ("Enviado por correo certificado con acuse de recibo el 2/5/2025.", "certified-mail"),
    ],
)  # fmt: skip
def test_service_method_after_blind2(text, method):
    assert extract_facts("NOTICE TO QUIT\n\n" + text)["serviceMethod"] == method


# --- money ---------------------------------------------------------------------------------


def test_the_full_amount_restated_is_the_total_not_a_second_charge():
    text = (
        "NOTICE TO PAY RENT OR QUIT\n\nYour rent of $975.00 due on May 1 is unpaid. Pay the full amount of "
        "$975.00 within three (3) days or quit.\n"
    )
    assert extract_facts(text)["amountDue"] == 975.0


def test_an_unlabelled_repeat_of_a_charge_is_not_added_again():
    text = (
        "NOTICE TO PAY RENT OR QUIT\n\nRent for May 2025: $975.00.\nUnless you pay $975.00 within three (3) days, "
        "quit the premises.\n"
    )
    assert extract_facts(text)["amountDue"] == 975.0


def test_an_unlabelled_different_amount_is_still_an_other_charge():
    text = "NOTICE TO PAY RENT OR QUIT\n\nRent for May 2025: $975.00.\nAlso $40.00.\nPay or quit in three (3) days.\n"
    assert extract_facts(text)["amountDue"] == 1015.0


@pytest.mark.parametrize(
    ("text", "method"),
    [
        ("PROOF OF SERVICE: On 5/2/2025 I personally handed a copy to the tenant.", "personal"),
        ("CERTIFICATE  OF  SERVICE:  Delivered  by  hand  to  the  tenant  on  5/2/2025.", "personal"),
        ("Posted on the door in a sealed envelope and e-mailed to the tenant on 5/2/2025.", "posting"),
    ],
)
def test_service_method_words_and_spacing(text, method):
    assert extract_facts("NOTICE TO QUIT\n\n" + text)["serviceMethod"] == method


def test_words_that_contain_a_service_verb_are_not_service():
    text = (
        "NOTICE TO QUIT\n\nStaff observed the damage on April 2, 2025; a pet was kept without consent since "
        "March 3, 2025.\nPROOF OF SERVICE: Handed to the tenant on April 9, 2025.\n"
    )
    assert extract_facts(text)["serviceDate"] == "2025-04-09"


def test_a_statute_number_is_no_evidence_of_day_first_dates():
    text = "NOTICE TO PAY OR VACATE\n(O.C.G.A. 44-7-50)\n\nDated: 11/05/2025\n"
    assert extract_facts(text)["noticeDate"] == "2025-11-05"


def test_spanish_pay_or_deliver_possession_offers_a_cure():
    text = (
        "DEMANDA DE RENTA\n\nPara: Inquilino Q. Ejemplo\n\nUsted adeuda $900.00. Se le exige pagar la renta "
        "adeudada o entregar la posesion dentro de catorce (14) dias.\n"
    )
    assert extract_facts(text)["cureOffered"] is True
