"""The reason of a notice that names no cause: a periodic tenancy asked to leave is a no-cause
termination even without a termination word; a leave demand that rests on an unnamed cause
stays `other`."""

from batches.analysis.rules import extract_facts

SPANISH = """Sr. Teodoro Villalobos Prieto
Calle Almendro 41
Brookhaven Flats, GA 30319

3 de marzo de 2025

Estimado Sr. Villalobos:

Usted me renta el cuarto de atrás sin contrato escrito, pagando mes a mes. Le pido que desocupe
el cuarto y me entregue la llave. Le doy treinta (30) días a partir de hoy.

Atentamente,
Rosalinda Etxeberria
"""

ENGLISH = """March 3, 2025

Dear Mr. Quillfeather,

You have rented the garage apartment from me month-to-month since 2023. Please move out and
return the keys within thirty (30) days of this letter.

Hollis Brandvold, Owner
"""

EMPLOYER = """NOTICE TO VACATE - CARETAKER HOUSING

To: Ambrose Tillinghast, Gatehouse, 12 Orchard Lane, Fernvale, Texas 75103

The gatehouse was provided to you as the estate's caretaker. Your employment ended on
March 1, 2025. You must vacate the gatehouse within three (3) days after delivery of this notice.

Fernvale Estate LLC
"""


def test_a_periodic_tenancy_asked_to_leave_is_no_cause():
    for text in (SPANISH, ENGLISH):
        facts = extract_facts(text)
        assert facts["isEvictionNotice"] and facts["reason"] == "no-cause"


def test_a_leave_demand_resting_on_an_unnamed_cause_stays_other():
    facts = extract_facts(EMPLOYER)
    assert facts["isEvictionNotice"] and facts["reason"] == "other"
