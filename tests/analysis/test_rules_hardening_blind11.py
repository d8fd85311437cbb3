"""Hardening after blind sets 11 and 12's first contact (docs/evaluation.md). Each test is one
class of document the blind sets showed, in fresh fictional wording written for these tests (not
the blind sets'), with guards for the opposite case."""

from __future__ import annotations

import pytest

from batches.analysis.rules import extract_facts
from batches.analysis.textnorm import normalize
from tests.analysis.helpers import demands_in

# --- "end your month-to-month rental": a periodic rental is the tenancy ---------------------------


def test_an_email_ending_a_month_to_month_rental_is_a_notice():
    text = (
        "From: Corwin Baptiste <cb.homes@post.example>\nTo: Ilse Varga <ilse@post.example>\n"
        "Date: Mon, 6 Sep 2027 09:02:11 -0700\nSubject: 90 Lantern Row\n\n"
        "Hello Ilse, I have chosen to end your month-to-month rental of 90 Lantern Row, Fresnel, CA 93701, "
        "and you should hand back the keys no later than Wednesday, October 6, 2027.\n\nCorwin\n"
    )
    facts = extract_facts(text)
    assert facts["isEvictionNotice"] is True


@pytest.mark.parametrize(
    "sentence",
    [
        "Your month-to-month rental of the garage space is not affected by the repairs.",
        "We hope to end your month-to-month rental worries with our new online portal, if you sign up.",
    ],
)
def test_a_month_to_month_rental_mentioned_without_ending_it_is_no_demand(sentence):
    assert not [d for d in demands_in(sentence) if not d.weak]


# --- "we have decided not to continue your tenancy": a decision that ends it --------------------------


def test_a_polite_letter_deciding_not_to_continue_the_tenancy_is_a_notice():
    text = (
        "March 3, 2027\n\nDear Mr. Oyelaran,\n\n"
        "It has been a pleasure to have you at 5 Birchmoor Court, Lowfield, Massachusetts 01841.\n"
        "We have decided not to continue your tenancy. We would appreciate it if the keys could be\n"
        "returned by April 30, 2027.\n\nKind regards,\nPerpetua Dunsany\nDelivered by hand, March 3, 2027\n"
    )
    facts = extract_facts(text)
    assert facts["isEvictionNotice"] is True


@pytest.mark.parametrize(
    "sentence",
    [
        "We have not decided to end your tenancy.",
        "We have decided not to raise your rent this year.",
        "The tenant decided not to continue the tenancy and gave us notice.",
    ],
)
def test_deciding_not_to_do_something_else_is_no_demand(sentence):
    found = demands_in(sentence)
    assert not [d for d in found if d.directed and not d.weak]


# --- "su contrato se dara por terminado": the Spanish passive with "por" ------------------------------


def test_a_spanish_pay_or_terminate_notice_with_se_dara_por_terminado_is_a_notice():
    text = (
        "AVISO DEL PROPIETARIO DE CINCO (5) DIAS\n\nA: Remigio Astudillo\n"
        "Se le notifica que hay renta vencida por la vivienda en 88 S. Corrin Ave., Berwyn Park, Illinois 60402:\n"
        "   Renta de marzo de 2027 ........ $1,150.00\n\n"
        "Si no paga dicha cantidad dentro de cinco (5) dias despues de la entrega de este aviso, su\n"
        "arrendamiento de la vivienda se dara por terminado.\n\nFecha: 4 de marzo de 2027\n"
    )
    facts = extract_facts(text)
    assert facts["isEvictionNotice"] is True
    assert facts["reason"] == "non-payment"


def test_a_contract_that_will_be_extended_is_no_spanish_demand():
    assert not demands_in("Su contrato de arrendamiento se dara por renovado por otro ano.")


# --- a copy of a notice received, reported by a third party -------------------------------------------


def test_an_assistance_letter_reporting_a_spanish_pay_or_vacate_notice_is_not_a_notice():
    text = (
        "FONDO VECINAL DE AYUDA PARA LA RENTA\nCarta de aprobacion\n\nFecha: 2 de marzo de 2027\n\n"
        "Estimado Sr. Anselmo Rivaduro:\n"
        'Usted nos mostro una copia del "Aviso de 3 dias para pagar la renta o desocupar" que recibio el\n'
        "25 de febrero de 2027 por $1,780.00. El fondo pagara esa cantidad a su arrendador a mas tardar el\n"
        "10 de marzo de 2027.\n\nAtentamente,\nNoemi Castrejon\n"
    )
    facts = extract_facts(text)
    assert facts["isEvictionNotice"] is False
    assert facts["amountDue"] is None


def test_an_english_copy_of_a_notice_received_is_reported():
    assert not demands_in("We have a copy of the notice to pay rent or quit that you received on May 2.")


def test_a_spanish_pay_or_vacate_notice_is_still_its_own_demand():
    assert demands_in("Se le exige pagar la renta de $900.00 dentro de tres dias o desocupar la vivienda.")


# --- "rent still hasnt been paid": an informal text names the ground ----------------------------------


def test_a_text_message_saying_the_rent_hasnt_been_paid_is_non_payment():
    text = (
        "Messages - Owner Lazlo (713) 555-0102\nTue, Mar 2, 2027  8:10 PM\n\n"
        "Lazlo: Benedetta, March rent for 19 Quarry Bend still hasnt been paid.\n"
        "Lazlo: you need to be out by Friday March 5 2027. leave the keys on the counter\n"
    )
    facts = extract_facts(text, state_hint="TX")
    assert facts["isEvictionNotice"] is True
    assert facts["reason"] == "non-payment"


def test_a_text_saying_the_rent_has_been_paid_is_no_non_payment_ground():
    text = (
        "Lazlo: Benedetta, thanks, March rent for 19 Quarry Bend has been paid.\n"
        "Lazlo: I'm selling though, you need to be out by Friday April 30 2027 because the buyer moves in.\n"
    )
    assert extract_facts(text, state_hint="TX")["reason"] != "non-payment"


# --- "TEN (lO) DAYS": an OCR'd period figure with no true digit left -----------------------------------


def test_an_ocr_period_figure_made_only_of_confusables_is_read():
    text = (
        "N0TICE T0 QUIT\n\nT0: Wendeline Morrow\nY0u are in arrears in rent of $9OO.OO.\n"
        "Y0u are hereby n0tified to rem0ve from the premises within TEN (lO) DAYS from the date of service.\n"
        "Dated: March 2, 2O27\n"
    )
    assert extract_facts(text, state_hint="PA")["noticeDays"] == 10


def test_a_roman_numeral_in_parentheses_is_left_alone():
    assert "(ii)" in normalize("See clause (II) of the lease.").low
