"""Reason and period fixes after blind sets 6 and 7's first contact (rules_reason, rules_terms).
Fresh fictional wording, not the blind sets'; each fix has a guard for the opposite case."""

from __future__ import annotations

import pytest

from batches.analysis.rules import extract_facts

# --- an untitled pay-or-move-out letter ------------------------------------------------------


_LETTER_PAY_OR_MOVE = (
    "Marlow Lane Homes\n12 Quillfeather Court\nBrightwater, CA 95999\n\nOctober 6, 2025\n\n"
    "Dear Mr. Osric Vantablack,\n\n"
    "I am writing about your rent for 77 Pennyroyal Way, Brightwater, CA 95999. I have not yet\n"
    "received October's rent of $1,515.00; this is the rent alone, with no late charge.\n\n"
    "Please pay the $1,515.00 within three (3) days, which means no later than\n"
    "Thursday, October 9, 2025, or move out and hand back the keys. Otherwise I will file\n"
    "an unlawful detainer case.\n\nYours truly,\nPrimrose Eddlestone, Owner\n"
)


def test_untitled_letter_asking_rent_or_moving_out_is_non_payment():
    facts = extract_facts(_LETTER_PAY_OR_MOVE)
    assert facts["reason"] == "non-payment"
    assert facts["amountDue"] == 1515.0
    assert facts["noticeDays"] == 3


def test_termination_letter_that_only_mentions_paying_rent_as_usual_stays_no_cause():
    text = (
        "NOTICE OF TERMINATION OF MONTH-TO-MONTH TENANCY\n\nTo: Wystan Pellegrino-Oduya\n\n"
        "Your month-to-month tenancy at 5 Harrowgate Lane is terminated effective November 30, 2025, "
        "sixty (60) days after service. Please pay the rent for October and November as usual, "
        "or contact the office with any questions.\n\nLandlord: Beatrix Holloway-Crane\n"
    )
    assert extract_facts(text)["reason"] == "no-cause"


# --- Spanish lease violation -------------------------------------------------------------------


def test_spanish_notice_to_vacate_for_a_breached_lease_clause_is_lease_violation():
    text = (
        "AVISO PARA DESOCUPAR\n\nFecha de entrega: martes, 3 de marzo de 2026\n\n"
        "Inquilino: Eustaquio Ballesteros-Quimby\nDireccion: 41 Calle Ficticia, Apto. 9, Pueblo Lindo, TX 78999\n\n"
        "Se le notifica que usted ha violado su contrato de arrendamiento, clausula 8 (mascotas): tiene un gato\n"
        "en el apartamento sin autorizacion por escrito.\n\n"
        "Usted debe desocupar la unidad dentro de tres (3) dias a partir de la entrega de este aviso.\n"
    )
    facts = extract_facts(text)
    assert facts["reason"] == "lease-violation"
    assert facts["noticeDays"] == 3


def test_spanish_month_to_month_termination_stays_no_cause():
    text = (
        "AVISO DE TERMINACION\n\nInquilino: Remedios Faulkner-Aranda\n\n"
        "Su contrato de mes a mes se termina el 31 de mayo de 2026. Usted debe desocupar la unidad dentro "
        "de treinta (30) dias a partir de la entrega de este aviso.\n"
    )
    assert extract_facts(text)["reason"] == "no-cause"


# --- a month-to-month tenancy that followed an ended lease -----------------------------------


def test_ending_month_to_month_after_a_lease_that_ended_long_ago_is_no_cause():
    text = (
        "From: office@fictionalhomes.example\nTo: Perpetua Langridge\nDate: Mon, Apr 6, 2026\n"
        "Subject: Your rental at 19 Osprey Bend\n\nHi Perpetua,\n\n"
        "Since your first lease ended in 2024 you have rented 19 Osprey Bend, Unit 2, month to month.\n\n"
        "The owner has chosen not to continue the month-to-month arrangement. Please take this as your\n"
        "thirty (30) day notice of termination: your tenancy will end on Sunday, May 31, 2026.\n\n"
        "Thanks,\nOrlando Quist\n"
    )
    assert extract_facts(text)["reason"] == "no-cause"


def test_lease_expiring_and_not_renewed_stays_holdover():
    text = (
        "NOTICE OF NON-RENEWAL\n\nTo: Isadora Fenwick-Lachance\n\n"
        "Your lease expires on June 30, 2026 and will not be renewed. You must vacate on or before "
        "June 30, 2026.\n\nLandlord: Cornelius Abernathy-Ruiz\n"
    )
    assert extract_facts(text)["reason"] == "holdover"


def test_ending_month_to_month_tenancy_with_a_line_break_is_no_cause():
    text = (
        "Subject: Ending your month-to-month rental - 8 Larkspur Row\nFrom: Tobias Wexley\n"
        "To: Mirabel Quartermaine\nSent: Monday, December 1, 2025\n\n"
        "Mirabel,\n\nYour lease turned into a monthly rental last year, and this e-mail is to tell you that I am ending the month-to-month\n"
        "tenancy at 8 Larkspur Row, Rear Unit, Fictionville, Ohio 44999.\n\n"
        "This gives you more than thirty (30) days' notice. Your last day will be Saturday, January 31, 2026;\n"
        "please have your things out and leave the keys in the mailbox by noon that day.\n"
    )
    assert extract_facts(text)["reason"] == "no-cause"


# --- a comply-or-vacate form letter without the statutory title ------------------------------


def test_form_letter_listing_breaches_to_correct_is_lease_violation():
    text = (
        "WILLOWMERE COURT - RESIDENT OFFICE\n22 Fictional Parkway, Glenhollow, WA 98999\n\n"
        "Date: March 2, 2026\nResident: Cassius Northcote\n\n"
        "Notice: COMPLY WITH YOUR LEASE OR VACATE\n\n"
        "We have recorded these breaches of your lease:\n  - Section 4 (Parking): a trailer in a guest space;\n\n"
        "You must correct these violations within ten (10) days after service of this notice. If you do not\n"
        "comply, you must vacate the unit.\n"
    )
    facts = extract_facts(text)
    assert facts["reason"] == "lease-violation"
    assert facts["noticeDays"] == 10


def test_pay_or_comply_notice_with_rent_owed_stays_non_payment():
    text = (
        "TEN-DAY NOTICE TO PAY RENT OR VACATE\n\nTo: Hollis Wintergreen\n\n"
        "You owe rent of $1,020.00 for March 2026. Pay the full $1,020.00 or vacate the premises within "
        "ten (10) days after service of this notice.\n"
    )
    assert extract_facts(text)["reason"] == "non-payment"


# --- a tenancy-at-will notice that says it is not for non-payment ---------------------------


@pytest.mark.parametrize(
    "disclaimer",
    [
        "This notice is not given for non-payment of rent or for any fault of yours.",
        "It is not for non-payment of rent.",
    ],
)
def test_at_will_notice_disclaiming_non_payment_is_no_cause(disclaimer):
    text = (
        "NOTICE TO QUIT - TENANCY AT WILL\n\nTO: Severin Ashdown-Mbeki\n    8 Fictional Lane, Oakmoor, MA 01999\n\n"
        "Rent is payable on the first day of each month.\n\n"
        "Your tenancy at will of the above premises is terminated thirty (30) days after your receipt of this\n"
        f"notice, on May 31, 2026, and you must quit and deliver up the premises on that date. {disclaimer}\n"
    )
    facts = extract_facts(text)
    assert facts["reason"] == "no-cause"
    assert facts["amountDue"] is None


def test_fourteen_day_notice_for_non_payment_stays_non_payment():
    text = (
        "FOURTEEN DAY NOTICE TO QUIT FOR NON-PAYMENT OF RENT\n\nTO: Severin Ashdown-Mbeki\n\n"
        "This notice is given for non-payment of rent. You owe $1,640.00 for April 2026. Your tenancy is "
        "terminated fourteen (14) days after your receipt of this notice.\n"
    )
    assert extract_facts(text)["reason"] == "non-payment"


# --- an abbreviated weekday before the last day ----------------------------------------------


@pytest.mark.parametrize("weekday", ["Fri", "Fri.", "Friday,"])
def test_leave_by_abbreviated_weekday_date_gives_the_period(weekday):
    text = (
        "NOTICE TO LEAVE THE PREMISES\n\nto: Quentin Marchbanks\nat: 3 Fictional Rd, Elmsford OH 44999\n\n"
        "date served: Tue Mar 3 2026  (handed to tenant)\n\nyou owe $690 rent for Feb.\n\n"
        f"you are requested to leave the premises by {weekday} Mar 6 2026.\n"
    )
    facts = extract_facts(text)
    assert facts["deadlineDate"] == "2026-03-06"
    assert facts["noticeDays"] == 3


# --- owner move-in told in a letter ----------------------------------------------------------


def test_letter_where_the_owner_will_live_in_the_home_is_owner_move_in():
    text = (
        "Fernleaf Property Management\nPO Box 12, Maplecross, WA 98999\n\n2 March 2026\n\n"
        "Mr. Lorcan Abernethy-Sato\n9 Fictional Hill Road\nMaplecross, WA 98999\n\n"
        "RE: Termination of tenancy - owner move-in\n\nDear Mr. Lorcan Abernethy-Sato,\n\n"
        "The owner of the house you rent at 9 Fictional Hill Road, Ms. Ottoline Brisbane, will move into the\n"
        "house herself and occupy it as her primary residence. Her statement of intent is enclosed.\n\n"
        "Your month-to-month tenancy will end on 31 May 2026, ninety (90) days after today. Please vacate\n"
        "and return all keys on or before that date.\n"
    )
    assert extract_facts(text)["reason"] == "owner-move-in"


def test_tenant_not_using_the_unit_as_a_primary_residence_is_not_owner_move_in():
    text = (
        "NOTICE OF TERMINATION\n\nTo: Rosalind Kettleby\n\n"
        "Your tenancy is terminated on June 30, 2026 because you do not occupy the apartment as your primary\n"
        "residence, in violation of your lease, section 3.\n"
    )
    assert extract_facts(text)["reason"] != "owner-move-in"
