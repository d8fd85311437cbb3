"""Notice recognition after blind sets 9 and 10's first contact (docs/evaluation.md, "Non-notice
recognition by evidence"). Each test is one class of document the blind sets showed, in fresh
fictional wording written for these tests (not the blind sets'), with guards for the opposite case."""

from __future__ import annotations

import pytest

from batches.analysis.rules import extract_facts
from tests.analysis.helpers import demands_in

# --- "I need you out": an informal demand with the recipient as object -----------------------------


def test_a_text_message_that_needs_the_tenant_out_is_a_notice():
    text = (
        "Sat, Apr 3, 2027  6:40 PM\nFrom: Osric (owner)\n\n"
        "Hey Pernilla, I'm moving my nephew into the cabin. I need you and your dog\n"
        "out in 30 days, that's May 3.\n\n"
        "Sat, Apr 3, 2027  6:52 PM\n  [Pernilla] Can we talk about this?\n"
    )
    facts = extract_facts(text)
    assert facts["isEvictionNotice"] is True
    assert facts["noticeDays"] == 30


@pytest.mark.parametrize(
    "sentence",
    [
        "We need you out of the house by June 1, 2027.",
        "I want you and everyone else out within two weeks.",
        "The owner needs you out by Friday.",
        "We need you to vacate the unit by July 31, 2027.",
        "I want you to move out by the end of the month.",
    ],
)
def test_needing_or_wanting_the_recipient_out_is_a_demand(sentence):
    assert demands_in(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "We don't need you out before the lease ends.",  # negated
        "I need you out of the kitchen for an hour while the plumber works.",  # a stay away for hours
        "If you want to move out early, call the office.",  # the tenant's choice, no object "you"
        "We need you to move your car out of the fire lane.",  # the car, not the home
        "I need you to check out the new laundry room.",  # no leave verb
    ],
)
def test_needing_the_recipient_that_is_no_demand_to_leave(sentence):
    assert not demands_in(sentence)


def test_a_co_tenant_who_wants_the_housemate_out_is_still_no_notice():
    text = (
        "Hi Thaddeus,\n\nWe're both on the lease for unit 5 at 12 Sample Lane with the landlord, Mr. Fictive.\n"
        "I want you out of the apartment by July 1, 2027. The parties every weekend have to stop.\n\n- Imogen\n"
    )
    facts = extract_facts(text)
    assert facts["isEvictionNotice"] is False


# --- "you'll need to be out": a contracted modal ---------------------------------------------------


def test_a_message_that_says_youll_need_to_be_moved_out_is_a_notice():
    text = (
        "Messages - Ottoline (landlord)\n\nTue, Mar 9, 2027  9:15 AM\n"
        "Hi Barnaby, we are moving back into the duplex ourselves this summer.\n"
        "Consider this your 60 days notice. You\u2019ll need to be out by May 8.\n"
    )
    facts = extract_facts(text)
    assert facts["isEvictionNotice"] is True


@pytest.mark.parametrize(
    "sentence",
    [
        "You'll need to vacate the apartment by March 31, 2027.",
        "You\u2019ll have to move out within 30 days.",
        "Tenants'll need to be moved out by noon on April 2.",
    ],
)
def test_a_contracted_modal_is_a_demand(sentence):
    assert demands_in(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "You'll not need to vacate during the repairs.",  # negated
        "If you decide to renew, you'll need to sign by May 1.",  # no leave verb
        "When you move out, you'll need to leave the keys at the office.",  # the keys, the tenant's own move
        "I'll need to move out by June 30.",  # the writer's own move
    ],
)
def test_a_contracted_modal_that_is_no_demand(sentence):
    assert not demands_in(sentence)


# --- Spanish: "su arrendamiento terminara" (future tense) -----------------------------------------


def test_a_spanish_pay_or_terminate_notice_in_the_future_tense_is_a_notice():
    text = (
        "AVISO DEL PROPIETARIO\n\nA: Eulalia Quintanar Roble\n"
        "Departamento 4B, 915 Calle Alameda Norte, Villa Serena, IL 60999\n\n"
        "La renta de marzo de 2027 por $1,040.00 esta vencida y sin pagar. A menos que pague esa\n"
        "cantidad dentro de cinco (5) dias despues de la entrega de este aviso, su contrato de\n"
        "arrendamiento terminara.\n\nFecha: 4 de marzo de 2027\n"
    )
    facts = extract_facts(text)
    assert facts["isEvictionNotice"] is True
    assert facts["noticeDays"] == 5


@pytest.mark.parametrize(
    "sentence",
    [
        "Su arrendamiento de la vivienda terminara el 30 de junio de 2027.",
        "A menos que pague dentro de tres dias, su contrato finalizara.",
    ],
)
def test_a_spanish_tenancy_that_will_end_is_a_demand(sentence):
    assert demands_in(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Su arrendamiento no terminara por esta visita.",  # negated
        "Si usted acepta, su contrato terminara el 30 de junio.",  # the tenant's choice
    ],
)
def test_a_spanish_tenancy_end_that_is_no_demand(sentence):
    assert not demands_in(sentence)


# --- the end of the lease as a time ("al terminar su contrato") and a tenant who gave notice ---------


def test_spanish_move_out_instructions_after_the_tenants_notice_are_no_notice():
    text = (
        "INSTRUCCIONES DE MUDANZA\nCondominios Los Alamos - 77 Calle Cedro, Sierra Baja, NM 87999\n\n"
        "Estimado Sr. Anselmo Quirarte, Apartamento 12:\n\n"
        "Gracias por informarnos que usted desocupara la unidad al terminar su contrato el 30 de abril de 2027.\n"
        "1. Devuelva las llaves en la oficina.\n2. Limpie la cocina y los banos.\n"
        "3. Llame para la inspeccion final con 24 horas de anticipacion.\n"
        "Su deposito se enviara dentro de 21 dias.\n\nAtentamente, La Administracion\n"
    )
    facts = extract_facts(text)
    assert facts["isEvictionNotice"] is False
    assert facts["documentType"] == "move-out"


@pytest.mark.parametrize(
    "sentence",
    [
        "Al terminar su contrato, puede recoger su deposito en la oficina.",  # a time, not a declaration
        "Gracias por avisarnos que usted se mudara el 31 de mayo.",  # the tenant's own notice
        "Thank you for letting us know that you will vacate on May 31.",
    ],
)
def test_a_lease_end_as_a_time_or_the_tenants_own_move_is_no_demand(sentence):
    assert not demands_in(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Por medio de este aviso damos por terminado su contrato de arrendamiento.",
        "El propietario decidio terminar su contrato el 31 de mayo de 2027.",
        "Thank you for your patience. You must vacate the premises by May 31, 2027.",
    ],
)
def test_a_termination_stays_a_demand(sentence):
    assert demands_in(sentence)


# --- Spanish: a future notice announced ("le entregaremos el aviso de 3 dias") ------------------------


def test_a_spanish_letter_that_announces_a_future_pay_or_vacate_notice_is_no_notice():
    text = (
        "AVISO IMPORTANTE\n\nSra. Leocadia Barrientos:\n"
        "Su renta de mayo de 2027 por $915.00 de la casa en 40 Camino Roble, Pinecrest, GA 30999 no se ha pagado.\n"
        "Si el saldo sigue pendiente el 12 de mayo, el 14 de mayo le enviaremos el aviso de 3 dias para pagar o\n"
        "desocupar, y luego presentaremos la demanda en la corte.\n\n"
        "Administracion Robledal - 9 de mayo de 2027\n"
    )
    facts = extract_facts(text)
    assert facts["isEvictionNotice"] is False


@pytest.mark.parametrize(
    "sentence",
    [
        "Si el saldo sigue pendiente, le entregaremos un aviso oficial para pagar o desocupar.",
        "El lunes vamos a enviarle el aviso de tres dias para pagar o desalojar.",
    ],
)
def test_a_spanish_future_paper_is_no_demand(sentence):
    assert not demands_in(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Debe pagar $915.00 dentro de tres dias o desocupar la vivienda.",
        "Le damos tres (3) dias para pagar o desocupar la casa.",
    ],
)
def test_a_spanish_pay_or_vacate_said_now_stays_a_demand(sentence):
    assert demands_in(sentence)
