"""PA lease terms written "two (2) years" and HUD "Section 8 project-based" housing (fresh
wording after blind set 12)."""

from batches.compliance.housing import shows_subsidised_housing
from tests.compliance.blind_helpers import issue_codes, notice_facts, run_notice


def _pa():
    return notice_facts(reason="holdover", state="PA", serviceDate="2025-05-16", noticeDays=15,
                        deadlineDate="2025-05-31", serviceMethod="personal")  # fmt: skip


def test_a_two_year_term_with_its_figure_needs_thirty_days():
    result = run_notice(_pa(), "Your written lease for a term of two (2) years expires on May 31, 2025.")
    assert ("PERIOD_TOO_SHORT", "error") in issue_codes(result) and result["meetsStatutoryMinimum"] is False


def test_section_8_project_based_housing_is_subsidised():
    assert shows_subsidised_housing("Unit 12, Alder Court Apartments (HUD Section 8 project-based)")
    assert not shows_subsidised_housing("Section 8 of the lease is based on the project rules.")
    text = "Unit 12 (HUD Section 8 project-based). Your lease for a term of two (2) years ends. You waived notice."
    result = run_notice(_pa(), text)
    assert ("LEASE_CANNOT_SHORTEN", "info") in issue_codes(result) and result["meetsStatutoryMinimum"] is False
