"""The stated period (rules_terms.stated_period via extract_facts) across the ways notices write
days: words, figures, both ("sixty (60)", "3 (three)"), OCR'd digits ("l4", "3O"), a mangled word
before the figure ("thirtv (30)"), unit words ("calendar", "full", "judicial"), lead and tail
words, ordinals ("the 14th day after"), Spanish. The phrasings are enumerated, not sampled from
a label file; every sentence is fictional."""

from __future__ import annotations

import itertools

import pytest

from batches.analysis.rules import extract_facts

FORMS = {
    3: ("3", "three", "three (3)", "3 (three)", "THREE (3)"),
    14: ("14", "fourteen", "fourteen (14)", "l4", "fourteen (l4)", "14 (fourteen)"),
    30: ("30", "thirty", "thirty (30)", "3O", "thirty (3O)", "thirtv (30)"),
    60: ("sixty (60)", "60", "sixty"),
}
UNITS = ("days", "calendar days", "full days", "judicial days")
LEADS = (
    "You must vacate within {p}",
    "You must vacate the premises in not less than {p}",
    "You must move out no later than {p}",
    "You have {p} to pay or vacate",
    "Pay the rent within a period of {p} or quit",
    "This notice gives you {p} to leave",
    "You must vacate at the expiration of {p}",
    "Quit the premises at the end of {p}",
    "Deliver possession upon {p} notice",
    "You are required to vacate no fewer than {p}",
    "Vacate within the next {p}",
    "You are hereby given {p} notice to quit",
)
TAILS = ("", " after service", " from receipt of this notice", " after you receive this notice")


def _days(sentence: str) -> int | None:
    text = f"NOTICE\nTo: Tenant A. Sample\nYour rent is $900.00 per month, due on the 1st. {sentence}.\nDated: May 1, 2027\n"
    return extract_facts(text)["noticeDays"]


def test_every_enumerated_phrasing_gives_its_period():
    misses = [
        (days, sentence)
        for days, forms in FORMS.items()
        for form, unit, lead, tail in itertools.product(forms, UNITS, LEADS, TAILS)
        if _days(sentence := lead.format(p=f"{form} {unit}") + tail) != days
    ]
    assert misses == []


@pytest.mark.parametrize(
    ("sentence", "days"),
    [
        ("You must pay or vacate within 3 days after service", 3),
        ("You must vacate no later than thirty days from receipt of this notice", 30),
        ("You must vacate on or before the 14th day after service of this notice", 14),
        ("You must quit by the fourteenth day after you receive this letter", 14),
        ("Quit on or before the 3rd day following delivery", 3),
        ("You must vacate the premises in not less than 20 days", 20),
        ("You must vacate within sixty (60) days", 60),
        ("You must deliver possession within 72 hours", 72),
        ("Usted debe desocupar en un plazo de tres (3) dias", 3),
        ("Usted debe desocupar dentro de los tres (3) dias habiles siguientes", 3),
        ("Usted tiene 3 dias para pagar o desocupar", 3),
        ("Usted debe pagar o desocupar a mas tardar tres dias despues de recibir este aviso", 3),
        ("Usted debe entregar la posesion dentro de treinta (30) dias naturales contados a partir de la entrega", 30),
        ("Your tenancy will terminate in two (2) months", 60),
    ],
)
def test_named_phrasings(sentence, days):
    assert _days(sentence) == days


@pytest.mark.parametrize(
    "sentence",
    [
        # a period that is not the time to leave
        "You must vacate the premises. Your deposit will be refunded within 21 days after you vacate",
        # an ordinal that is a rent day, not a period
        "You must vacate the premises. Rent is due on the 5th day of each month",
    ],
)
def test_periods_that_are_not_the_notice_period(sentence):
    assert _days(sentence) is None
