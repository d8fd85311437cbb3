"""Notice recognition after blind set 6's first contact (docs/evaluation.md, "Non-notice
recognition by evidence"). Each test is one class of document the blind set showed, in fresh
fictional wording written for these tests (not the blind set's), with guards for the opposite case."""

from __future__ import annotations

import pytest

from batches.analysis.rules import extract_facts
from tests.analysis.helpers import demands_in

# --- "get out" is a leave verb: an informal handwritten pay-or-leave letter --------------------


def test_an_informal_letter_that_tells_the_tenant_to_get_out_is_a_notice():
    text = (
        "march 3 2027\n\nto Dorrit Sample in the back unit\n\n"
        "you still have not paid february rent, $720 is owed.\n"
        "This is your notice to vacate. you have three (3) days to get out, by thursday march 6 2027.\n"
        "if you pay all $720 before then you can stay.\n\n-- Wendell Sample, owner\n"
    )
    facts = extract_facts(text)
    assert facts["isEvictionNotice"] is True
    assert facts["noticeDays"] == 3


@pytest.mark.parametrize(
    "sentence",
    [
        "You must get out of the house by May 2, 2027.",
        "Tenants have five (5) days to get out of the premises.",
    ],
)
def test_get_out_of_the_home_is_a_demand(sentence):
    assert demands_in(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "You do not have to get out of the house.",  # negated
        "If you agree to get out early, we will return the deposit.",  # the tenant's choice
        "Residents must get out of the pool area by 10 p.m.",  # not the home
        "Please get out the recycling bins on Tuesday night.",  # "get out" the bins, not leave
    ],
)
def test_get_out_that_is_no_demand_to_leave_the_home(sentence):
    assert not demands_in(sentence)


# --- "will therefore end": an adverb between the modal and the verb ------------------------------


def test_a_letter_whose_tenancy_will_therefore_end_is_a_notice():
    text = (
        "Sample Realty Group\n12 Sample Plaza, Sample City\n\n9 May 2027\n\nMr. Osric Sample\n40 Sample Lane\n\n"
        "RE: Your home at 40 Sample Lane\n\nDear Mr. Sample,\n\n"
        "The owner's son will move into the house and live there as his main home.\n"
        "Your month-to-month tenancy will accordingly end on 10 August 2027, which is ninety-three (93) days "
        "after today. Please return the keys on that date.\n\nSincerely,\nSample Realty Group, agent for the owner\n"
    )
    facts = extract_facts(text)
    assert facts["isEvictionNotice"] is True
    assert facts["noticeDays"] == 93


def test_a_please_vacate_order_addresses_the_reader_and_may_name_that_date():
    text = (
        "Sample Property Care\nPO Box 1, Sample City\n\n2 June 2027\n\nMs. Ilse Sample\n8 Sample Court\n\n"
        "Dear Ms. Sample,\n\nThe owner is selling the house. The lease comes to an end on 31 August 2027. "
        "Please vacate and hand back all keys on or before that date.\n\nRegards,\nSample Property Care\n"
    )
    assert extract_facts(text)["isEvictionNotice"] is True


def test_a_lease_that_will_not_therefore_end_is_no_demand():
    assert not demands_in("Your tenancy will not therefore end on June 30, 2027; the lease continues.")


def test_a_move_out_checklist_with_please_vacate_stays_a_non_notice():
    # Written after the tenant's own notice: a checklist, no demand of the landlord's own.
    text = (
        "MOVE-OUT INSTRUCTIONS\n\nDear Resident,\nThank you for your notice. On your move-out date, please vacate "
        "by noon and return all keys to the office on or before that date. Your security deposit will be "
        "returned within 21 days.\n"
    )
    assert extract_facts(text)["isEvictionNotice"] is False


# --- Spanish: a landlord who writes as one person ("le pido", "le doy") -------------------------


def test_a_spanish_letter_from_a_single_owner_is_a_notice():
    text = (
        "Sr. Anselmo Muestra\nCalle Ejemplo 12\n\n3 de marzo de 2027\n\nEstimado Sr. Muestra:\n\n"
        "Voy a reparar toda la casa, asi que le pido que desocupe la vivienda. Le concedo sesenta (60) dias "
        "contados a partir de la entrega de esta carta para mudarse.\n\nAtentamente,\nRosalba Ejemplo\n"
    )
    facts = extract_facts(text)
    assert facts["isEvictionNotice"] is True
    assert facts["noticeDays"] == 60


@pytest.mark.parametrize(
    "sentence",
    [
        "Le pido que desocupe la casa antes del 30 de abril.",
        "Le exijo que entregue la posesion de la unidad.",
        "Le doy treinta (30) dias a partir de hoy para mudarse.",
        "Le otorgo quince dias naturales contados desde hoy para desocupar.",
    ],
)
def test_spanish_first_person_singular_demands(sentence):
    assert demands_in(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Le pido que no desocupe la casa todavia.",  # negated
        "Si usted acepta, le doy treinta dias para mudarse.",  # the tenant's choice
    ],
)
def test_spanish_first_person_singular_that_is_no_demand(sentence):
    assert not demands_in(sentence)


# --- A co-tenant's message is not a landlord's notice --------------------------------------------


def test_a_roommates_message_telling_the_other_to_move_out_is_no_notice():
    text = (
        "Chat export - Sunday\n\nMarisol:\nok so our landlord said only one of us is on the lease and thats me. "
        "i'm giving you two weeks to move out, by the 20th. you also owe me $95 for internet\n\n"
        "Tobiah:\nthat's not how this works\n"
    )
    facts = extract_facts(text)
    assert facts["isEvictionNotice"] is False
    assert facts["amountDue"] is None


def test_a_tenant_on_the_lease_with_the_landlord_writing_to_a_roommate_is_no_notice():
    text = (
        "Hi Casimir,\nI'm the only one on the lease with the landlord, so you will need to move out within "
        "30 days. Please take your things by April 30.\nThanks, Juno\n"
    )
    assert extract_facts(text)["isEvictionNotice"] is False


def test_a_landlord_notice_that_mentions_the_landlord_in_the_third_person_stays_a_notice():
    text = (
        "NOTICE TO QUIT\nTo: Tenant Priya Sample, 77 Sample Street, Apt 2\n"
        "The landlord, Sample Holdings LLC, hereby terminates your tenancy. You must vacate the premises on or "
        "before July 31, 2027. The landlord's agent will inspect the unit after you leave.\n"
    )
    assert extract_facts(text)["isEvictionNotice"] is True


def test_a_sublandlords_notice_to_a_subtenant_stays_a_notice():
    # The master tenant is the subtenant's landlord: "my landlord" here is the owner above both.
    text = (
        "NOTICE TO TERMINATE SUBLEASE\nTo: Subtenant Elio Sample, Room 2, 9 Sample Ave\n"
        "My landlord has not renewed my lease, so your sublease ends with it. You must vacate the room on or "
        "before June 30, 2027.\nSigned, Sample Sublessor\n"
    )
    assert extract_facts(text)["isEvictionNotice"] is True


def test_a_lease_end_that_comes_only_if_the_tenant_declines_a_renewal_stays_a_non_notice():
    # Found while checking the adverb form: the end is the tenant's choice, like "if you do not renew".
    text = (
        "Dear Resident Tamsin Sample,\nYour lease will therefore end on June 30, 2027 unless you sign the enclosed "
        "renewal lease. To renew, sign and return it by May 1, 2027.\nSample Court Apartments\n"
    )
    assert extract_facts(text)["isEvictionNotice"] is False


def test_a_lease_end_unless_the_tenant_pays_is_still_a_demand():
    assert demands_in("Your tenancy will end on June 30, 2027 unless you pay the $640.00 balance.")


# --- A stay away for some hours is no demand to give up the home ---------------------------------


def test_a_treatment_notice_that_asks_residents_to_step_out_for_hours_stays_a_non_notice():
    # Found while checking that an opening "Please vacate" is directed at the reader.
    text = (
        "Dear Residents,\nCarpet cleaning is booked for Unit 7D on April 14, 2027. Please vacate the apartment "
        "from 10 a.m. to 2 p.m. on that date and take pets with you.\nSample Heights Management\n"
    )
    assert extract_facts(text)["isEvictionNotice"] is False


@pytest.mark.parametrize(
    "sentence",
    [
        "Please leave the unit for about three hours while the technicians spray.",
        "Residents must vacate the home between 9 and 11 a.m. during the inspection.",
    ],
)
def test_a_stay_away_for_hours_is_no_demand(sentence):
    assert not demands_in(sentence)


def test_a_deadline_at_an_hour_is_still_a_demand():
    assert demands_in("You must vacate the premises by 5:00 p.m. on June 30, 2027.")
