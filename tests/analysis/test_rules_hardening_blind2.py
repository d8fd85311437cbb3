"""Generic extractor behaviours added after the second blind set's first contact
(docs/evaluation.md, "Blind set 2, after hardening"). Each case is fresh fictional wording,
not a blind notice."""

from __future__ import annotations

import pytest

from batches.analysis.rules import extract_facts
from batches.analysis.rules_dates import find_dates
from batches.analysis.textnorm import normalize, undouble_spaces

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


# --- stated periods --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "days"),
    [
        (
            "NOTICE TO PAY OR LEAVE\nTo: Tenant Q. Example\n\nYou have five (5) days from the date of this notice to pay $800.00 or leave.",
            5,
        ),
        (
            "NOTICE TO QUIT\nTo: Tenant Q. Example\n\nDeliver up possession by June 30, being not less than sixty (60) days from now.",
            60,
        ),
        (
            "NOTICE TO QUIT\nTo: Tenant Q. Example\n\nVacate on or before July 31, 2025, which is forty-five (45) days from today.",
            45,
        ),
        (
            "AVISO DE TERMINACION\nPara: Inquilino Q. Ejemplo\n\nSu contrato termina. Este aviso se da con veinte (20) dias de anticipacion.",
            20,
        ),
    ],
)
def test_stated_period_lead_and_tail_words(text, days):
    assert extract_facts(text)["noticeDays"] == days


@pytest.mark.parametrize(
    "text",
    [
        "NOTICE OF TERMINATION\n\nBecause a tenant fired a gun in the hallway, your lease is terminated immediately. "
        "You must vacate at once.",
        "AVISO DE TERMINACION INMEDIATA\n\nPor actividad ilegal en la unidad, debe desocupar inmediatamente.",
    ],
)
def test_an_immediate_termination_gives_zero_days(text):
    facts = extract_facts(text)
    assert (facts["noticeDays"], facts["dayCounting"]) == (0, "calendar")


def test_pay_immediately_is_not_a_zero_day_notice():
    text = "NOTICE TO PAY RENT OR QUIT\n\nPlease call us immediately. Pay $700.00 within three (3) days or quit."
    assert extract_facts(text)["noticeDays"] == 3


# --- dates ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "role", "iso"),
    [
        ("Please return the keys on or\nbefore  April 30, 2025.", "deadlineDate", "2025-04-30"),
        ("Payment must reach the office by 4:30 PM on FRIDAY, MARCH 7, 2025.", "deadlineDate", "2025-03-07"),
        ("Debe pagar o desocupar, es decir a\nmas tardar el lunes 3 de marzo de 2025.", "deadlineDate", "2025-03-03"),
        ("Su arrendamiento terminara el 31 de mayo de 2025.", "deadlineDate", "2025-05-31"),
        ("You have lived in the unit since on or about May 1, 2018.", "tenancyStartDate", "2018-05-01"),
        ("Enviado por correo certificado el 04/03/2025.\nFecha: 4 de marzo de 2025", "serviceDate", "2025-03-04"),
        ("Segun su contrato de arrendamiento de fecha 1 de mayo de 2022:\nFecha: 2 de junio de 2025", "noticeDate",
         "2025-06-02"),
        ("AFFIDAVIT OF SERVICE: After two attempts (03/01/2025 and 03/02/2025) I posted it on 03/03/2025.",
         "serviceDate", "2025-03-03"),
        ("DECLARATION OF SERVICE: On 4/9/2025 I handed a copy to the tenant.", "serviceDate", "2025-04-09"),
    ],
)  # fmt: skip
def test_date_roles_after_blind2(text, role, iso):
    assert extract_facts(text)[role] == iso


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Served 13/02/2025; also on 02/03/2025.", "2025-03-02"),  # 13/02 proves day-first
        ("Served 02/13/2025; also on 02/03/2025.", "2025-02-03"),  # 02/13 proves month-first
        ("Fecha: 1 de marzo de 2025. Servido el 05/03/2025.", "2025-03-05"),  # Spanish: day first
        ("Date: March 1, 2025. Served 05/03/2025.", "2025-05-03"),  # English: month first
    ],
)
def test_numeric_date_order_follows_the_document(text, iso):
    assert find_dates(normalize(text).low)[-1].iso == iso


# --- service -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "method"),
    [
        ("Pay at the office or by check mailed to 1 Example Way.\nServed personally on the tenant 5/2/2025.",
         "personal"),
        ("Hand-delivered to the tenant on 5/2/2025.", "personal"),
        ("Personally served on the tenant 5/2/2025 by R. Example.", "personal"),
        ("On 5/2/2025 I posted a copy on the door and deposited a copy in the U.S. mail to the tenant.",
         "posting-and-mail"),
        ("El 2/5/2025 fije una copia en la puerta de la vivienda y el mismo dia envie una copia por correo "
         "de primera clase.", "posting-and-mail"),
        ("Enviado por correo certificado con acuse de recibo el 2/5/2025.", "certified-mail"),
    ],
)  # fmt: skip
def test_service_method_after_blind2(text, method):
    assert extract_facts("NOTICE TO QUIT\n\n" + text)["serviceMethod"] == method


# --- money ---------------------------------------------------------------------------------


def test_the_full_amount_restated_is_the_total_not_a_second_charge():
    text = (
        "NOTICE TO PAY RENT OR QUIT\n\nYour rent of $975.00 due on May 1 is unpaid. Pay the full amount of "
        "$975.00 within three (3) days or quit.\n"
    )
    assert extract_facts(text)["amountDue"] == 975.0


def test_an_unlabelled_repeat_of_a_charge_is_not_added_again():
    text = (
        "NOTICE TO PAY RENT OR QUIT\n\nRent for May 2025: $975.00.\nUnless you pay $975.00 within three (3) days, "
        "quit the premises.\n"
    )
    assert extract_facts(text)["amountDue"] == 975.0


def test_an_unlabelled_different_amount_is_still_an_other_charge():
    text = "NOTICE TO PAY RENT OR QUIT\n\nRent for May 2025: $975.00.\nAlso $40.00.\nPay or quit in three (3) days.\n"
    assert extract_facts(text)["amountDue"] == 1015.0


@pytest.mark.parametrize(
    ("text", "method"),
    [
        ("PROOF OF SERVICE: On 5/2/2025 I personally handed a copy to the tenant.", "personal"),
        ("CERTIFICATE  OF  SERVICE:  Delivered  by  hand  to  the  tenant  on  5/2/2025.", "personal"),
        ("Posted on the door in a sealed envelope and e-mailed to the tenant on 5/2/2025.", "posting"),
    ],
)
def test_service_method_words_and_spacing(text, method):
    assert extract_facts("NOTICE TO QUIT\n\n" + text)["serviceMethod"] == method


def test_words_that_contain_a_service_verb_are_not_service():
    text = (
        "NOTICE TO QUIT\n\nStaff observed the damage on April 2, 2025; a pet was kept without consent since "
        "March 3, 2025.\nPROOF OF SERVICE: Handed to the tenant on April 9, 2025.\n"
    )
    assert extract_facts(text)["serviceDate"] == "2025-04-09"


def test_a_statute_number_is_no_evidence_of_day_first_dates():
    text = "NOTICE TO PAY OR VACATE\n(O.C.G.A. 44-7-50)\n\nDated: 11/05/2025\n"
    assert extract_facts(text)["noticeDate"] == "2025-11-05"


def test_spanish_pay_or_deliver_possession_offers_a_cure():
    text = (
        "DEMANDA DE RENTA\n\nPara: Inquilino Q. Ejemplo\n\nUsted adeuda $900.00. Se le exige pagar la renta "
        "adeudada o entregar la posesion dentro de catorce (14) dias.\n"
    )
    assert extract_facts(text)["cureOffered"] is True


# --- numbers in words ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("AVISO DE DESALOJO\nPara: Inquilino Q. Ejemplo\n\nDebe desocupar dentro de doce (12) dias.", 12),
        ("AVISO DE TERMINACION\nPara: Inquilino Q. Ejemplo\n\nDebe desocupar dentro de ciento veinte dias.", 120),
        ("AVISO DE TERMINACION\nPara: Inquilino Q. Ejemplo\n\nDebe desocupar dentro de cuarenta y cinco dias.", 45),
    ],
)
def test_spanish_period_words(text, days):
    assert extract_facts(text)["noticeDays"] == days


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("AVISO PARA PAGAR O DESOCUPAR\n\nUsted debe la suma de MIL SEISCIENTOS VEINTE DOLARES ($1,620.00).", 1620.0),
        ("AVISO PARA PAGAR O DESOCUPAR\n\nUsted debe la suma de mil doscientos dolares por la renta.", 1200.0),
        ("NOTICE TO PAY RENT OR QUIT\n\nRent due: $1,340.00\n(one thousand three hundred forty dollars)", 1340.0),
    ],
)
def test_worded_amounts_next_to_a_figure_are_not_counted_twice(text, due):
    assert extract_facts(text)["amountDue"] == due


# --- informational papers ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "title",
    ["TENANT RIGHTS DISCLOSURE", "NOTICE OF CHANGE OF OWNERSHIP", "NOTICE OF RIGHT TO RECLAIM ABANDONED PROPERTY"],
)
def test_informational_titles_are_not_notices(title):
    text = (
        f"{title}\n\nTo: Tenant Q. Example, 2 Sample Street, Exampleville, CA 90000\n\nIf a tenant must vacate, "
        "the law gives at least 30 days. Questions: call the office.\n"
    )
    assert extract_facts(text)["reason"] == "not-a-notice"


def test_a_cares_act_notice_to_vacate_is_still_a_notice():
    text = (
        "30-DAY NOTICE TO VACATE (CARES ACT)\n\nTo: Tenant Q. Example\n\nThis disclosure is part of the notice: "
        "you must vacate the premises within thirty (30) days after service of this notice.\n"
    )
    facts = extract_facts(text)
    assert (facts["isEvictionNotice"], facts["noticeDays"]) == (True, 30)


# --- partly double-spaced OCR, amounts inside a cue -----------------------------------------


def test_a_line_with_doubled_gaps_is_collapsed_in_a_single_spaced_document():
    text = (
        "An ordinary line with single spaces.\nYOU  MUST  PAY  OR  QUIT  NOW.\n"
        "Owner:      R. Example\nRent  ......  $900.00\n"
    )
    out = undouble_spaces(text)
    assert "YOU MUST PAY OR QUIT NOW." in out
    assert "Owner:      R. Example" in out  # a column gap (3+ spaces) is kept
    assert "Rent  ......  $900.00" in out  # two doubled gaps on a line are not enough


def test_pay_the_rent_of_an_amount_or_quit_is_non_payment_with_a_cure():
    text = (
        "NOTICE TO TENANT\nTo: Tenant Q. Example\n\nUnless you pay the rent of $850.00 or quit the premises "
        "within five (5) days, the landlord will file an eviction case.\n"
    )
    facts = extract_facts(text)
    assert (facts["reason"], facts["amountDue"], facts["cureOffered"]) == ("non-payment", 850.0, True)


# --- informational papers that mention a notice to vacate (probe round 3) --------------------


@pytest.mark.parametrize(
    ("title", "sentence"),
    [
        ("NOTICE OF RESIDENT RIGHTS", "If your landlord serves you a notice to quit, you may call legal aid."),
        ("NOTICE OF NEW PROPERTY MANAGER", "Late rent could result in a notice to pay or quit."),
        ("WELCOME LETTER", "If you ever receive a notice to vacate, read it carefully and call us."),
    ],
)
def test_conditional_mentions_of_a_notice_do_not_make_a_notice(title, sentence):
    text = f"{title}\n\nTo: Tenant Q. Example, 3 Sample Row, Exampleton, WA 98000\n\n{sentence}\n"
    assert extract_facts(text)["reason"] == "not-a-notice"


def test_spanish_affixed_service_date_and_method():
    text = (
        "AVISO PARA DESOCUPAR\n\nDebe desocupar en tres (3) dias.\nFijado en la puerta principal el 4 de mayo de 2025."
    )
    facts = extract_facts(text)
    assert (facts["serviceDate"], facts["serviceMethod"]) == ("2025-05-04", "posting")
