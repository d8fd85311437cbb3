"""`cites_lease_period`: whether a notice relies on its lease for the period (TX 24.005(a),
PA 250.501(e)), which decides between a confident failure and "check the lease"."""

import pytest

from batches.compliance.lease_waiver import cites_lease_period


@pytest.mark.parametrize(
    "text",
    [
        "As permitted by paragraph 11 of your lease, you have one (1) day to vacate.",
        "In accordance with your rental agreement you have 24 hours to move out.",
        "Under section 9 of your lease you agreed to four (4) days' notice instead of ten.",
        "The Lease provides for a\none-day notice to vacate.",
        "Tenant waived notice to quit in the lease signed on May 1, 2025.",
        "The notice requirement was waived by the Tenant.",
        "Según su contrato de arrendamiento, tiene un (1) día para desocupar.",
        "Usted renunció al aviso de desalojo en su contrato.",
    ],
)
def test_lease_terms_on_the_period_are_cited(text):
    assert cites_lease_period(text) is True


@pytest.mark.parametrize(
    "text",
    [
        "",
        "You are in default of your lease. You have 3 days to vacate the premises.",
        "Rent is due on the first day of each month under paragraph 4 of your lease. Vacate by June 5.",
        "Your two-year lease forbids the dog. You have fifteen (15) days to leave.",
        "Late fees are charged as provided in your lease.",
        "Section 8 of your lease prohibits smoking.",
    ],
)
def test_other_mentions_of_the_lease_are_not(text):
    assert cites_lease_period(text) is False
