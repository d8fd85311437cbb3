"""Generic extractor behaviours added after the second blind set's first contact
(docs/evaluation.md, "Blind set 2, after hardening"). Each case is fresh fictional wording,
not a blind notice."""

from __future__ import annotations

from batches.analysis.rules import extract_facts
from batches.analysis.textnorm import normalize

# --- line wraps ----------------------------------------------------------------------------


def test_flat_copy_reads_line_breaks_as_spaces_with_the_same_offsets():
    norm = normalize("Line one does\nnot end here.\n\nNext")
    assert norm.flat == "line one does not end here.  next"
    assert len(norm.flat) == len(norm.low) == len(norm.fixed)


def test_a_disclaimer_wrapped_across_lines_still_makes_a_non_notice():
    text = (
        "INFORMATION ABOUT YOUR BUILDING\n\nTo all residents of 9 Example Row, Sampleford, OH 43000\n\n"
        "Tenants of buildings like this one get at least 30 days after a notice to vacate. This page is "
        "shared for information. It does\nnot end your lease and asks for no money.\n"
    )
    assert extract_facts(text)["reason"] == "not-a-notice"


def test_it_is_not_a_notice_to_vacate_is_a_disclaimer():
    text = (
        "RESIDENT BULLETIN - INSURANCE\n\nTo: Tenant Q. Example, 4 Sample Court, Exampleton, IL 60000\n\n"
        "Please keep renter's insurance. This bulletin is informational; it is not a notice to vacate, "
        "and you will never be asked to move out because of it.\n"
    )
    assert extract_facts(text)["reason"] == "not-a-notice"


# --- reasons -------------------------------------------------------------------------------


def test_holdover_proceedings_named_as_the_court_action_are_not_a_holdover_ground():
    text = (
        "NOTICE OF TERMINATION OF MONTH-TO-MONTH TENANCY\n\nTo: Tenant Q. Example, 7 Sample Lane, Exampleburg, "
        "NY 12000\n\nYour month to month tenancy, which started on March 1, 2024, is terminated effective "
        "August 31, 2025. If you stay, the landlord will begin summary holdover proceedings against you.\n"
    )
    assert extract_facts(text)["reason"] == "no-cause"


def test_an_expired_lease_is_still_holdover():
    text = (
        "NOTICE TO QUIT\n\nTo: Tenant Q. Example\n\nYour lease expired on June 30, 2025 and will not be renewed. "
        "Vacate within thirty (30) days or face a holdover proceeding.\n"
    )
    assert extract_facts(text)["reason"] == "holdover"


def test_spanish_disorderly_conduct_is_nuisance_even_after_a_notice_to_cease():
    text = (
        "AVISO DE DESALOJO POR CONDUCTA DESORDENADA\n\nPara: Inquilino Q. Ejemplo\n\nDespues del aviso para "
        "cesar (notice to cease) de agosto, siguio la musica a todo volumen y los gritos de madrugada. "
        "Debe desocupar dentro de tres (3) dias.\n"
    )
    assert extract_facts(text)["reason"] == "nuisance"


def test_spanish_no_cause_notice_that_claims_no_rent_is_no_cause():
    text = (
        "AVISO DE TERMINACION DE ARRENDAMIENTO MES A MES\n\nPara: Inquilina Q. Ejemplo\n\nSu arrendamiento de "
        "mes a mes terminara el 31 de octubre de 2025. Este aviso no reclama renta atrasada ni otros cargos.\n"
    )
    facts = extract_facts(text)
    assert facts["reason"] == "no-cause"
    assert facts["amountDue"] is None


def test_a_deposit_statement_that_mentions_the_old_notice_to_quit_is_not_a_notice():
    text = (
        "SECURITY DEPOSIT ACCOUNTING\n\nDate: May 2, 2025\nFormer resident: Tenant Q. Example\n\n"
        "You moved out on April 30, 2025 after our notice to quit. Deposit held: $1,000.00. Carpet cleaning: "
        "$150.00. Refund enclosed: $850.00.\n"
    )
    assert extract_facts(text)["reason"] == "not-a-notice"


def test_a_notice_to_quit_that_mentions_the_deposit_stays_a_notice():
    text = (
        "NOTICE TO QUIT\n\nTo: Tenant Q. Example\n\nYour tenancy at will is terminated on June 30, 2025. "
        "Your security deposit will be returned as the law requires.\n"
    )
    assert extract_facts(text)["reason"] == "no-cause"
