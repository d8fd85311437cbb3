"""Seed data for `StateNoticeRule`: the statutory minimum per (state, reason), with citation
and effective date. Source: /work/shared/reference/notice-law.md (2026-12). Keys are exactly
the model's field names. Everything the reference marks UNSURE is `needs_review=True`, or,
where the doubt only bites for one service method or counting variant, the field for that
variant: `mail_extension_uncertain_days`, `alt_day_unit`, `long_lease_min_days` or
`just_cause_after_months` (`must_end_on_rent_day` marks the MA and FL terminations that must
end on a rent day; `outside_posting_needs_mail` the TX delivery rule; `delivery_uncertain` a rule
whose delivery methods the reference is unsure of (GA 44-7-50(c)); `local_overrides` city
ordinances whose terms the reference does not give, which make a result need review;
`lease_from_date` a rule that covers only leases entered or renewed from a date;
`lease_shortening_not_subsidised` the PA exception to lease shortening in subsidised housing;
`counted_from_receipt` the MA periods that run from receipt). This
is one data module kept longer than ~300 lines on purpose: splitting the table by state would
scatter the citations.
"""

from datetime import date

BASELINE = "2000-01-01"  # long-standing rule; its enactment date is not in the reference
BASELINE_NOTE = " Effective date is a baseline for a long-standing rule, not a verified enactment date."


def _rule(state, reason, min_days, day_unit, statute, effective_date, notes, **extra):
    rule = {
        "state": state,
        "reason": reason,
        "min_days": min_days,
        "day_unit": day_unit,
        "tenancy_tiers": [],
        "cure_allowed": None,
        "lease_can_shorten": False,
        "lease_shortening_not_subsidised": False,
        "counted_from_receipt": False,
        "notice_required": True,
        "type_allowed": True,
        "type_not_allowed_reason": "",
        "rent_only": False,
        "mail_extension_days": 0,
        "mail_extension_uncertain_days": None,
        "alt_day_unit": "",
        "long_lease_min_days": None,
        "must_end_on_rent_day": False,
        "just_cause_after_months": None,
        "lease_from_date": None,
        "outside_posting_needs_mail": False,
        "delivery_uncertain": False,
        "local_overrides": [],
        "required_content": [],
        "statute": statute,
        "effective_date": effective_date,
        "needs_review": False,
        "notes": notes + (BASELINE_NOTE if effective_date == BASELINE else ""),
    }
    rule.update(extra)
    return rule


def _element(code, description, patterns, *, match="any", severity="warning"):
    """A mandatory element; `match` says whether any or all patterns must be found."""
    return {
        "code": code,
        "description": description,
        "patterns": patterns,
        "match": match,
        "severity": severity,
    }


CA_PAYEE = [
    _element(
        "payee-name-address",
        "Name and address of the person to whom rent is paid (CCP 1161(2))",
        [
            r"payments?\s+(must|may|should)\s+be\s+(made|mailed|delivered)\s+to",
            r"payable\s+to",
            r"\bpay\s+(rent\s+)?to\b",
            r"\bmake\s+(your\s+)?payments?\s+to\b",
            r"\bpayments?\s+(are\s+)?accepted\b",
            r"\bpag(o|os|ar)\s+(se\s+)?(debe|deben|puede|pueden)\s+(hacer|hacerse|realizar|entregar)",
            r"\bpagadero\s+a\b",
        ],
    ),
    _element(
        "payee-phone",
        "Telephone number of the person to pay (CCP 1161(2))",
        [r"\(?\d{3}\)?[\s.-]*\d{3}[\s.-]\d{4}"],
    ),
    _element(
        "payee-hours-or-bank",
        "Usual days and hours for payment, or a bank within 5 miles / electronic transfer (CCP 1161(2))",
        [
            r"\b(hours|a\.\s?m\.|p\.\s?m\.|monday|weekdays)\b",
            r"\bbank\b",
            r"electronic\s+(funds\s+)?transfer",
            r"\b(horario|lunes|banco)\b",
            r"transferencia\s+electr[oó]nica",
        ],
    ),
]
CA_ABANDONED_PROPERTY = _element(
    "abandoned-property-statement",
    "Statement that former tenants may reclaim abandoned property (Civ. Code 1946.1(h); "
    "subsection UNSURE per reference)",
    [r"reclaim\s+(abandoned\s+)?(personal\s+)?property", r"property\s+left\s+behind"],
)
CA_TIERS = [{"minTenancyMonths": 12, "minDays": 60}]
# The termination must fall at the end of a rental period (MA c.186 §12, FL 83.57).
RENT_DAY = {"must_end_on_rent_day": True}

CA = [
    _rule(
        "CA",
        "non-payment",
        3,
        "court",
        "Cal. Code Civ. Proc. § 1161(2)",
        "2019-09-01",
        "AB 2343: three days excluding Saturdays, Sundays and judicial holidays. Rent only; "
        "payee name, address, phone and hours, or bank/EFT. Mail adds no days (Losornio v. Motta "
        "(1998) 67 Cal.App.4th 110).",
        cure_allowed=True,
        rent_only=True,
        required_content=CA_PAYEE,
    ),
    _rule(
        "CA",
        "lease-violation",
        3,
        "court",
        "Cal. Code Civ. Proc. § 1161(3)",
        "2019-09-01",
        "3-day notice to perform covenant or quit, court days since AB 2343.",
        cure_allowed=True,
    ),
    _rule(
        "CA",
        "nuisance",
        3,
        "calendar",
        "Cal. Code Civ. Proc. § 1161(4)",
        BASELINE,
        "Incurable breach (nuisance, waste): 3-day notice to quit, calendar days (AB 2343 did not change 1161(4)).",
        cure_allowed=False,
    ),
    _rule(
        "CA",
        "illegal-activity",
        3,
        "calendar",
        "Cal. Code Civ. Proc. § 1161(4)",
        BASELINE,
        "Illegal use or unlawful sublet: 3-day notice to quit, calendar days.",
        cure_allowed=False,
    ),
    _rule(
        "CA",
        "no-cause",
        30,
        "calendar",
        "Cal. Civ. Code § 1946.1; § 1946.2 (AB 1482)",
        "2020-01-01",
        "30 days if every tenant has lived there under 1 year, 60 if anyone 1 year or more; 90 for "
        "government-subsidised tenancies (Civ. 1954.535). After 12 months' occupancy AB 1482 requires "
        "a just cause stated in the notice unless the unit is exempt, which the text rarely shows.",
        tenancy_tiers=CA_TIERS,
        cure_allowed=False,
        required_content=[CA_ABANDONED_PROPERTY],
        just_cause_after_months=12,
    ),
    _rule(
        "CA",
        "owner-move-in",
        30,
        "calendar",
        "Cal. Civ. Code §§ 1946.1, 1946.2(b)(2)(A) (SB 567)",
        "2024-04-01",
        "No-fault just cause. SB 567: name the intended occupant and relationship, offer proof; "
        "relocation assistance of one month's rent or waiver of the last month.",
        tenancy_tiers=CA_TIERS,
        cure_allowed=False,
        required_content=[
            _element("intended-occupant", "Intended occupant named (SB 567)", [r"intended\s+occupant"]),
            _element("relationship", "Occupant's relationship to the owner (SB 567)", [r"relationship"]),
            _element("proof-right", "Right to request proof (SB 567)", [r"\bproof\b"]),
            _element("relocation", "Relocation assistance (Civ. 1946.2(d))", [r"relocation"]),
            CA_ABANDONED_PROPERTY,
        ],
    ),
    _rule(
        "CA",
        "demolition",
        30,
        "calendar",
        "Cal. Civ. Code §§ 1946.1, 1946.2(b)(2)(D) (SB 567)",
        "2024-04-01",
        "Demolition or substantial remodel: describe the work, attach permits, state the right to "
        "re-rent; relocation assistance.",
        tenancy_tiers=CA_TIERS,
        cure_allowed=False,
        required_content=[
            _element("work-description", "Description of the work (SB 567)", [r"remodel|demoli|work"]),
            _element("permits", "Permits attached or referenced (SB 567)", [r"permit"]),
            _element("relocation", "Relocation assistance (Civ. 1946.2(d))", [r"relocation"]),
        ],
    ),
]

NY_GOOD_CAUSE = _element(
    "good-cause-notice",
    "Notice of applicability of the Good Cause Eviction Law attached (RPL § 231-c)",
    [r"good\s+cause\s+eviction", r"desalojo\s+por\s+causa\s+justificada"],
)
NY_TIERS = [{"minTenancyMonths": 12, "minDays": 60}, {"minTenancyMonths": 24, "minDays": 90}]
# Some courts add 5 days for mailed or conspicuous-place service (ATM One v. Landaverde).
NY_MAIL = {"mail_extension_uncertain_days": 5}

NY = [
    _rule(
        "NY",
        "non-payment",
        3,
        "calendar",
        "N.Y. RPAPL § 711(2) (pre-HSTPA)",
        BASELINE,
        "Three-day demand, replaced by the 14-day written demand on 2019-06-14 (HSTPA).",
        cure_allowed=True,
    ),
    _rule(
        "NY",
        "non-payment",
        14,
        "calendar",
        "N.Y. RPAPL § 711(2) (HSTPA 2019)",
        "2019-06-14",
        "Written 14-day rent demand stating period and amount. UNSURE: some courts add 5 days for "
        "mailed or conspicuous-place service (ATM One v. Landaverde).",
        cure_allowed=True,
        **NY_MAIL,
    ),
    _rule(
        "NY",
        "non-payment",
        14,
        "calendar",
        "N.Y. RPAPL § 711(2); RPL § 231-c",
        "2024-04-20",
        "Written 14-day rent demand; from 2024-04-20 the RPL 231-c Good Cause notice must be "
        "attached. Also RPL 235-e(d) certified-mail late-rent notice (affirmative defence). UNSURE: "
        "mail or conspicuous-place service may add 5 days.",
        cure_allowed=True,
        required_content=[NY_GOOD_CAUSE],
        **NY_MAIL,
    ),
    _rule(
        "NY",
        "lease-violation",
        10,
        "calendar",
        "Lease terms; N.Y. Rent Stabilization Code (9 NYCRR 2524.3)",
        BASELINE,
        "No general statute: lease-based notice to cure (often 10 days), then termination. UNSURE of "
        "the rent-stabilised 7/30-day split by ground. Post-judgment cure RPAPL 753(4).",
        cure_allowed=True,
        needs_review=True,
    ),
    _rule(
        "NY",
        "no-cause",
        30,
        "calendar",
        "N.Y. RPL §§ 226-c, 232-a, 232-b",
        "2019-06-14",
        "30/60/90 days for under 1 year / 1-2 years / 2+ years. Good Cause Eviction Law (RPL Art. 6-A) "
        "bars no-cause non-renewal for covered units in NYC and opt-in towns.",
        tenancy_tiers=NY_TIERS,
        cure_allowed=False,
    ),
    _rule(
        "NY",
        "holdover",
        30,
        "calendar",
        "N.Y. RPL § 226-c",
        "2019-06-14",
        "Non-renewal notice: 30/60/90 days by occupancy length; Good Cause (RPL Art. 6-A) may bar it.",
        tenancy_tiers=NY_TIERS,
        cure_allowed=False,
    ),
]

TX_NOTE = "Calendar days from delivery unless the written lease sets a shorter or longer period."
TX_DELIVERY = (
    "Delivery (24.005(f),(f-1)): in person, affixed inside the main entry door, or by mail; outside "
    "posting only in limited cases with a same-day mailing."
)
TX_SB38 = (
    "SB 38 (89th Leg.) reworked Chapter 24 from 2026-01-01: new pay-or-vacate and notice-to-vacate "
    "tracks, delivery methods (24.005(f-3)), CARES 30-day period concurrent. UNSURE of exact day "
    "counts and cure rights; 3-day default reportedly survives."
)


def _tx(reason, note):
    return [
        _rule(
            "TX",
            reason,
            3,
            "calendar",
            "Tex. Prop. Code § 24.005(a)",
            BASELINE,
            f"{note} {TX_NOTE} {TX_DELIVERY}",
            cure_allowed=False,
            lease_can_shorten=True,
            outside_posting_needs_mail=True,
        ),
        _rule(
            "TX",
            reason,
            3,
            "calendar",
            "Tex. Prop. Code § 24.005 (as amended by SB 38, 2025)",
            "2026-01-01",
            TX_SB38,
            cure_allowed=None,
            lease_can_shorten=True,
            needs_review=True,
        ),
    ]


TX = [
    *_tx("non-payment", "3-day notice to vacate; pay-or-vacate allowed after a written reminder (24.005(i))."),
    *_tx("lease-violation", "Same 3-day notice to vacate; no statutory cure."),
    *_tx("holdover", "3-day notice to vacate to a tenant holding over."),
    _rule(
        "TX",
        "no-cause",
        1,
        "months",
        "Tex. Prop. Code § 91.001",
        BASELINE,
        "Month-to-month ends on the later of the stated date or one month after notice (or the "
        "rent-paying period if shorter); the lease may vary it.",
        cure_allowed=False,
        lease_can_shorten=True,
    ),
]

# Practice adds 5 days when mailed (court rules, not 83.56).
FL_MAIL = {"mail_extension_uncertain_days": 5}
FL = [
    _rule(
        "FL",
        "non-payment",
        3,
        "court",
        "Fla. Stat. § 83.56(3)",
        BASELINE,
        "Three days excluding Saturday, Sunday, legal holidays and the day of delivery; statutory "
        "form naming premises with county. UNSURE: practice adds 5 days when mailed (court rules, "
        "not 83.56).",
        cure_allowed=True,
        required_content=[_element("county", "Premises described including the county (83.56(3))", [r"\bcounty\b"])],
        **FL_MAIL,
    ),
    _rule(
        "FL",
        "lease-violation",
        7,
        "calendar",
        "Fla. Stat. § 83.56(2)(b)",
        BASELINE,
        "7-day notice to cure with the statutory repeat-violation warning.",
        cure_allowed=True,
        **FL_MAIL,
    ),
    _rule(
        "FL",
        "nuisance",
        7,
        "calendar",
        "Fla. Stat. § 83.56(2)(a)",
        BASELINE,
        "7-day unconditional notice for incurable breach or repeat within 12 months.",
        cure_allowed=False,
        **FL_MAIL,
    ),
    _rule(
        "FL",
        "illegal-activity",
        7,
        "calendar",
        "Fla. Stat. § 83.56(2)(a)",
        BASELINE,
        "7-day unconditional notice for incurable breach.",
        cure_allowed=False,
        **FL_MAIL,
    ),
    _rule(
        "FL",
        "no-cause",
        15,
        "calendar",
        "Fla. Stat. § 83.57 (before HB 1417)",
        BASELINE,
        "Month-to-month: 15 days before the end of a monthly period.",
        cure_allowed=False,
        **FL_MAIL,
        **RENT_DAY,
    ),
    _rule(
        "FL",
        "no-cause",
        30,
        "calendar",
        "Fla. Stat. § 83.57 (HB 1417)",
        "2023-07-01",
        "Month-to-month: 30 days before the end of a monthly period (week 7, quarter 30, year 60). "
        "Local ordinances pre-empted (83.425).",
        cure_allowed=False,
        **FL_MAIL,
        **RENT_DAY,
    ),
]

# Certified-mail service (9-211): the period may run from receipt, by an unknown number of days.
IL_MAIL = {"mail_extension_uncertain_days": 0}
CHICAGO_FAIR_NOTICE = {
    "city": "Chicago",
    "upToDays": 120,
    # City of Chicago DOH, "Know Your Rights: Fair Notice Ordinance": 30 days under six months of
    # tenancy, 60 from six months to three years, 120 over three years.
    "tiers": [{"minTenancyMonths": 6, "minDays": 60}, {"minTenancyMonths": 36, "minDays": 120}],
    "statute": "Chicago Mun. Code § 5-12-130 (RLTO; Fair Notice ordinance, passed 2020-07-22)",
    "note": "Chicago's Fair Notice ordinance: 30 days for a tenancy under six months, 60 from six months to "
    "three years, 120 over three years, for terminations and non-renewals (not after a 5-day or 10-day "
    "notice). With the tenancy start unknown, a notice under 120 days needs review.",
}
IL = [
    _rule(
        "IL",
        "non-payment",
        5,
        "calendar",
        "735 ILCS 5/9-209",
        BASELINE,
        "Not less than 5 days after service. The statutory full-payment clause is expected; UNSURE "
        "whether the Supreme Court approved form is mandatory. Certified-mail service (9-211): the "
        "period may run from receipt (UNSURE). Chicago RLTO adds rules.",
        cure_allowed=True,
        required_content=[
            _element(
                "full-payment-language",
                "Statutory wording: only FULL PAYMENT of the rent demanded waives termination (9-209)",
                [r"only\s+full\s+payment\s+of\s+the\s+rent\s+demanded"],
            )
        ],
        **IL_MAIL,
    ),
    _rule(
        "IL",
        "lease-violation",
        10,
        "calendar",
        "735 ILCS 5/9-210",
        BASELINE,
        "10-day notice to quit; no state cure right (Chicago RLTO adds 10-day cure). Certified-mail "
        "service (9-211): the period may run from receipt (UNSURE).",
        cure_allowed=False,
        **IL_MAIL,
    ),
    _rule(
        "IL",
        "no-cause",
        30,
        "calendar",
        "735 ILCS 5/9-207",
        BASELINE,
        "30 days month-to-month, 7 week-to-week; 60 for year-to-year (9-205). Chicago Fair Notice: "
        "30/60/120 by tenancy length (under 6 months / 6 months to 3 years / over 3 years; City of Chicago "
        "DOH), counted when the tenancy start is known, else Chicago premises need review.",
        cure_allowed=False,
        local_overrides=[CHICAGO_FAIR_NOTICE],
        **IL_MAIL,
    ),
]

# Mailing adds 1 day (older practice) or 5 (2025-26 amendment): up to 5.
WA_MAIL = {"mail_extension_uncertain_days": 5}
WA_MAIL_NOTE = (
    " Service including mailing: +1 day (older practice) or +5 under a 2025-26 amendment to "
    "RCW 59.12.040; UNSURE which applies."
)
WA = [
    _rule(
        "WA",
        "non-payment",
        14,
        "calendar",
        "RCW 59.12.030(3); RCW 59.18.057",
        BASELINE,
        "14-day pay or vacate in the statutory form: charges by month, where to pay, AG translations "
        "statement, 2-1-1/legal-aid referral, interpreter right." + WA_MAIL_NOTE,
        cure_allowed=True,
        required_content=[
            _element(
                "ag-translations",
                "Attorney General translations statement (59.18.057)",
                [r"attorney\s+general"],
            ),
            _element("legal-aid-referral", "2-1-1 / legal aid referral (59.18.057)", [r"2-1-1|\b211\b|legal\s+aid"]),
        ],
        **WA_MAIL,
    ),
    _rule(
        "WA",
        "lease-violation",
        10,
        "calendar",
        "RCW 59.12.030(4)",
        BASELINE,
        "10-day comply or vacate." + WA_MAIL_NOTE,
        cure_allowed=True,
        **WA_MAIL,
    ),
    _rule(
        "WA",
        "nuisance",
        3,
        "calendar",
        "RCW 59.12.030(5)",
        BASELINE,
        "3-day quit for waste or nuisance." + WA_MAIL_NOTE,
        cure_allowed=False,
        **WA_MAIL,
    ),
    _rule(
        "WA",
        "illegal-activity",
        3,
        "calendar",
        "RCW 59.12.030(5)",
        BASELINE,
        "3-day quit for unlawful business." + WA_MAIL_NOTE,
        cure_allowed=False,
        **WA_MAIL,
    ),
    _rule(
        "WA",
        "no-cause",
        None,
        "calendar",
        "RCW 59.18.650 (HB 1236)",
        "2021-05-10",
        "No-cause terminations abolished for landlords (ESHB 1236, ch. 212 Laws of 2021, effective on approval "
        "2021-05-10 under its emergency clause).",
        type_allowed=False,
        cure_allowed=False,
        type_not_allowed_reason="Since HB 1236 (2021) a Washington landlord may end a tenancy only for "
        "a cause listed in RCW 59.18.650; a no-cause notice is not allowed whatever period it gives.",
    ),
    _rule(
        "WA",
        "owner-move-in",
        90,
        "calendar",
        "RCW 59.18.650(2)",
        "2021-05-10",
        "Owner or family move-in: 90 days.",
        cure_allowed=False,
        **WA_MAIL,
    ),
    _rule(
        "WA",
        "sale",
        90,
        "calendar",
        "RCW 59.18.650(2)",
        "2021-05-10",
        "Sale of a single-family residence: 90 days.",
        cure_allowed=False,
        **WA_MAIL,
    ),
    _rule(
        "WA",
        "demolition",
        120,
        "calendar",
        "RCW 59.18.650(2); RCW 59.18.200(2)(c)",
        "2021-05-10",
        "Demolition, substantial rehab or change of use: 120 days.",
        cure_allowed=False,
        **WA_MAIL,
    ),
    _rule(
        "WA",
        "holdover",
        60,
        "calendar",
        "RCW 59.18.650(1)(b)-(c)",
        "2021-05-10",
        "End of certain qualifying fixed terms: 60 days before the end of the term.",
        cure_allowed=False,
        **WA_MAIL,
    ),
]

GA = [
    _rule(
        "GA",
        "non-payment",
        None,
        "calendar",
        "O.C.G.A. § 44-7-50(a)",
        BASELINE,
        "Demand for possession with no fixed waiting period (leases before 2024-07-01).",
        cure_allowed=None,
    ),
    _rule(
        "GA",
        "non-payment",
        3,
        "business",
        "O.C.G.A. § 44-7-50(c) (HB 404)",
        "2024-07-01",
        "Leases entered or renewed from 2024-07-01: 3 business days to pay or vacate. UNSURE of the "
        "delivery method (sealed envelope on the door plus a lease method), so a notice not handed to the "
        "tenant needs review; the rule keys on the lease date, which the notice may not show (a short "
        "notice with no such lease date needs review).",
        cure_allowed=True,
        delivery_uncertain=True,
        lease_from_date=date(2024, 7, 1),
    ),
    _rule(
        "GA",
        "lease-violation",
        None,
        "calendar",
        "O.C.G.A. § 44-7-50(a)",
        BASELINE,
        "No statutory cure period; lease-driven, then demand for possession.",
        cure_allowed=False,
    ),
    _rule(
        "GA",
        "no-cause",
        60,
        "calendar",
        "O.C.G.A. § 44-7-7",
        BASELINE,
        "Tenancy at will: landlord gives 60 days (tenant 30).",
        cure_allowed=False,
    ),
]

OH_WARNING = _element(
    "statutory-warning",
    "Verbatim conspicuous warning of ORC 1923.04(A) ('You are being asked to leave the premises...')",
    [
        r"you\s+are\s+being\s+asked\s+to\s+leave\s+the\s+premises",
        r"eviction\s+action\s+may\s+be\s+initiated\s+against\s+you",
        r"in\s+doubt\s+regarding\s+your\s+legal\s+rights\s+and\s+obligations\s+as\s+a\s+tenant",
        r"recommended\s+that\s+you\s+seek\s+legal\s+assistance",
    ],
    match="all",
)
OH_COUNT = (
    " Exclude the service day; earliest filing is day 4 (Wintrow v. Smith, 1987). UNSURE: some "
    "courts exclude intermediate weekends."
)
OH_ALT = {"alt_day_unit": "weekdays"}
OH = [
    _rule(
        "OH",
        "non-payment",
        3,
        "calendar",
        "Ohio Rev. Code § 1923.04(A)",
        BASELINE,
        "3-day notice to leave the premises (not a pay-or-quit)." + OH_COUNT,
        cure_allowed=False,
        required_content=[OH_WARNING],
        **OH_ALT,
    ),
    _rule(
        "OH",
        "lease-violation",
        3,
        "calendar",
        "Ohio Rev. Code § 1923.04(A); § 5321.11",
        BASELINE,
        "3-day notice to leave; for health/safety breaches of 5321.05 a 30-day notice to remedy "
        "must come first (5321.11)." + OH_COUNT,
        cure_allowed=False,
        required_content=[OH_WARNING],
        **OH_ALT,
    ),
    _rule(
        "OH",
        "holdover",
        3,
        "calendar",
        "Ohio Rev. Code § 1923.04(A)",
        BASELINE,
        "Holding over after the lease term: the same 3-day notice to leave before filing, with the "
        "verbatim warning." + OH_COUNT,
        cure_allowed=False,
        required_content=[OH_WARNING],
        **OH_ALT,
    ),
    _rule(
        "OH",
        "no-cause",
        30,
        "calendar",
        "Ohio Rev. Code § 5321.17",
        BASELINE,
        "Month-to-month: 30 days before the periodic rental date; week-to-week 7.",
        cure_allowed=False,
    ),
]

PA_TERM = (
    " 15 days if the lease is 1 year or less or indefinite, 30 if longer; the lease may waive or "
    "shorten notice except in public or subsidised housing."
)
PA_LONG_LEASE = {"long_lease_min_days": 30}
PA_PHILLY = " Philadelphia adds an eviction-diversion step (UNSURE of current details; local)."
PA = [
    _rule(
        "PA",
        "non-payment",
        10,
        "calendar",
        "68 P.S. § 250.501(b)",
        BASELINE,
        "10-day notice to quit; the lease may shorten or waive it (250.501(e)), except in public or subsidised "
        "housing." + PA_PHILLY,
        cure_allowed=None,
        lease_can_shorten=True,
        lease_shortening_not_subsidised=True,
    ),
    _rule(
        "PA",
        "lease-violation",
        15,
        "calendar",
        "68 P.S. § 250.501(b)",
        BASELINE,
        "Breach of lease." + PA_TERM + PA_PHILLY,
        cure_allowed=None,
        lease_can_shorten=True,
        lease_shortening_not_subsidised=True,
        **PA_LONG_LEASE,
    ),
    _rule(
        "PA",
        "no-cause",
        15,
        "calendar",
        "68 P.S. § 250.501(b)",
        BASELINE,
        "End of term." + PA_TERM,
        cure_allowed=False,
        lease_can_shorten=True,
        lease_shortening_not_subsidised=True,
        **PA_LONG_LEASE,
    ),
    _rule(
        "PA",
        "holdover",
        15,
        "calendar",
        "68 P.S. § 250.501(b)",
        BASELINE,
        "End of term." + PA_TERM,
        cure_allowed=False,
        lease_can_shorten=True,
        lease_shortening_not_subsidised=True,
        **PA_LONG_LEASE,
    ),
    _rule(
        "PA",
        "illegal-activity",
        10,
        "calendar",
        "68 P.S. §§ 250.501(d), 250.505-A",
        BASELINE,
        "10 days for certain drug offences.",
        cure_allowed=False,
        lease_can_shorten=True,
        lease_shortening_not_subsidised=True,
    ),
]

# 33-1313(B): certified mail is received on actual receipt or 5 days after mailing, whichever is
# earlier, so mailing adds between 0 and 5 days: a deadline date within that window needs review.
AZ_MAIL = {"mail_extension_uncertain_days": 5, "counted_from_receipt": True}
AZ_MAIL_NOTE = (
    " Certified mail: received at the earlier of actual receipt or 5 days after mailing (33-1313(B)), "
    "so mailing adds at least 1 and up to 5 days depending on the day of receipt."
)
AZ = [
    _rule(
        "AZ",
        "non-payment",
        5,
        "calendar",
        "A.R.S. § 33-1368(B); § 33-1313",
        BASELINE,
        "5 days to pay rent plus lease late fees." + AZ_MAIL_NOTE,
        cure_allowed=True,
        **AZ_MAIL,
    ),
    _rule(
        "AZ",
        "lease-violation",
        10,
        "calendar",
        "A.R.S. § 33-1368(A); § 33-1313",
        BASELINE,
        "10-day cure for material non-compliance; 5-day cure for health and safety. UNSURE: repeat "
        "breach within 6 months, 10 days with no cure." + AZ_MAIL_NOTE,
        cure_allowed=True,
        **AZ_MAIL,
    ),
    _rule(
        "AZ",
        "illegal-activity",
        0,
        "calendar",
        "A.R.S. § 33-1368(A)(2)",
        BASELINE,
        "Immediate termination for material and irreparable breach (weapon discharge, drugs...).",
        cure_allowed=False,
    ),
    _rule(
        "AZ",
        "no-cause",
        30,
        "calendar",
        "A.R.S. § 33-1375; § 33-1313",
        BASELINE,
        "Month-to-month: 30 days before the periodic rental date; week-to-week 10." + AZ_MAIL_NOTE,
        cure_allowed=False,
        **AZ_MAIL,
    ),
]

NJ_NOT_ALLOWED = (
    "The Anti-Eviction Act (N.J.S.A. 2A:18-61.1) has no no-cause or lease-expiry ground for "
    "covered tenancies; owner-occupied buildings with 2 or fewer rental units are outside the "
    "Act (UNSURE), so check the building."
)
NJ = [
    _rule(
        "NJ",
        "non-payment",
        None,
        "calendar",
        "N.J.S.A. 2A:18-61.1(a); 2A:18-61.2",
        BASELINE,
        "No notice to quit required for non-payment. Habitual late payment: notice to cease, then "
        "one-month notice to quit.",
        notice_required=False,
        cure_allowed=True,
    ),
    _rule(
        "NJ",
        "lease-violation",
        1,
        "months",
        "N.J.S.A. 2A:18-61.1(d),(e); 2A:18-61.2",
        BASELINE,
        "Notice to cease first, then a one-month notice to quit; cause stated in detail.",
        cure_allowed=True,
    ),
    _rule(
        "NJ",
        "nuisance",
        3,
        "calendar",
        "N.J.S.A. 2A:18-61.1(b); 2A:18-61.2",
        BASELINE,
        "Disorderly conduct: notice to cease, then 3 days.",
        cure_allowed=False,
    ),
    _rule(
        "NJ",
        "illegal-activity",
        3,
        "calendar",
        "N.J.S.A. 2A:18-61.1; 2A:18-61.2",
        BASELINE,
        "Wilful damage and certain criminal grounds: 3 days, no notice to cease.",
        cure_allowed=False,
    ),
    _rule(
        "NJ",
        "owner-move-in",
        2,
        "months",
        "N.J.S.A. 2A:18-61.1(l)(3); 2A:18-61.2",
        BASELINE,
        "Owner personal occupancy of a building of 3 or fewer units: 2 months.",
        cure_allowed=False,
    ),
    _rule(
        "NJ",
        "no-cause",
        None,
        "calendar",
        "N.J.S.A. 2A:18-61.1 (Anti-Eviction Act)",
        BASELINE,
        "Good cause required for covered tenancies.",
        type_allowed=False,
        type_not_allowed_reason=NJ_NOT_ALLOWED,
        needs_review=True,
        cure_allowed=False,
    ),
    _rule(
        "NJ",
        "holdover",
        None,
        "calendar",
        "N.J.S.A. 2A:18-61.1 (Anti-Eviction Act)",
        BASELINE,
        "Lease expiry is not a ground for covered tenancies.",
        type_allowed=False,
        type_not_allowed_reason=NJ_NOT_ALLOWED,
        needs_review=True,
        cure_allowed=False,
    ),
]

MA_FORM = _element(
    "accompanying-form",
    "State accompanying form on rental assistance and court rules (G.L. c.186 § 31)",
    [r"(section|§|s\.)\s*31\b", r"accompanying\s+form", r"important\s+information"],
)
MA_NOT_EVICTION = _element(
    "not-an-eviction-statement",
    "Statement that a notice to quit is not an eviction (UNSURE whether still statutory)",
    [r"not\s+an\s+eviction"],
)
MA_RECEIPT = " Counted from receipt."
# Counted from receipt (reference §4): a notice mailed alone arrives the day after mailing at the
# earliest, and how long after that is unknown.
MA_MAIL = {"mail_extension_uncertain_days": 0, "counted_from_receipt": True}
MA = [
    _rule(
        "MA",
        "non-payment",
        14,
        "calendar",
        "G.L. c.186 §§ 11, 12, 31",
        "2023-04-01",
        "14-day notice to quit. At-will tenants may cure within 10 days of receipt if no such notice in "
        "the past 12 months; lease tenants until the answer date. The § 31 accompanying form must be "
        "attached (permanent from 2023-04-01)." + MA_RECEIPT,
        cure_allowed=True,
        required_content=[MA_FORM, MA_NOT_EVICTION],
        **MA_MAIL,
    ),
    _rule(
        "MA",
        "lease-violation",
        None,
        "calendar",
        "Lease terms (no general statute)",
        BASELINE,
        "Lease terms govern; 7-day notices for cause are common." + MA_RECEIPT,
        cure_allowed=None,
        needs_review=True,
        **MA_MAIL,
    ),
    _rule(
        "MA",
        "no-cause",
        30,
        "calendar",
        "G.L. c.186 § 12",
        BASELINE,
        "At will: the longer of 30 days or one rental period, ending on a rent day." + MA_RECEIPT,
        cure_allowed=False,
        **MA_MAIL,
        **RENT_DAY,
    ),
]

STATE_RULES: list[dict] = [*CA, *NY, *TX, *FL, *IL, *WA, *GA, *OH, *PA, *AZ, *NJ, *MA]
