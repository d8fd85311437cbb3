"""Generic fixes after the sealed blind set 8's one measurement (fresh fictional wording)."""

from batches.analysis.rules import extract_facts


def test_i_e_inside_a_pay_or_deliver_sentence_does_not_end_it():
    text = (
        "TEN (10) DAY DEMAND\n\nTo: Oriel Castellanos, 4 Birch Row, Unit 2, Pinecrest, CO 80917\n\n"
        "You are in default in the payment of rent. You are required to pay the total of $1,210.00 within ten (10) days after service of this notice, "
        "i.e. no later than May 21, 2025, or to deliver possession.\n\nDated: May 11, 2025\n"
    )
    facts = extract_facts(text)
    assert facts["isEvictionNotice"] and facts["reason"] == "non-payment" and facts["noticeDays"] == 10


def test_a_charge_the_sentence_leaves_out_is_not_demanded():
    text = (
        "AVISO DE 3 DIAS PARA PAGAR LA RENTA O DESOCUPAR\n\nPara: Nidia Carranza, 8 Calle Robles, Fresnal, CA 93601\n\n"
        "Renta de mayo de 2025 ........ $1,480.00\nTOTAL DE RENTA ADEUDADA ........ $1,480.00\n"
        "(Nota: el cargo por pago tardio de $60.00 que aparece en su estado de cuenta\n"
        "NO se incluye en esta cantidad.)\n\nDebe pagar la renta o desocupar dentro de tres (3) dias.\n"
    )
    facts = extract_facts(text)
    assert facts["amountDue"] == 1480.0 and "late-fee" not in [c["kind"] for c in facts["charges"]]


def test_spanish_owner_occupancy_is_owner_move_in_and_a_built_year_is_no_noise():
    text = (
        "AVISO DE TERMINACION DE ARRENDAMIENTO DE SESENTA (60) DIAS\n\n"
        "Para: Amparo Villaseñor, 12 Calle Olivo, Unidad 3, Santa Brisa, CA 93001\n"
        "(edificio de ocho unidades construido en 1979)\n\n"
        "Su arrendamiento mes a mes termina el 30 de junio de 2025. Usted ocupa la vivienda desde el 1 de enero "
        "de 2020.\nMotivo: la propietaria tiene la intencion de ocupar la unidad como su residencia principal.\n"
    )
    facts = extract_facts(text)
    assert facts["reason"] == "owner-move-in" and facts["tenancyStartDate"] == "2020-01-01"


def test_an_owner_s_family_member_to_occupy_title_is_owner_move_in():
    text = (
        "Dear Mr. Halvorsen,\n\nRE: SIXTY (60) DAY NOTICE OF TERMINATION - OWNER'S FAMILY MEMBER\n"
        "    TO OCCUPY\n\nYour month-to-month tenancy will terminate on June 30, 2025, so that the owner's "
        "niece may occupy the home as her principal residence.\n"
    )
    assert extract_facts(text)["reason"] == "owner-move-in"
