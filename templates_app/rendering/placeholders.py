"""The allow-list: every placeholder a template may use, and which ones hold money or dates."""

from __future__ import annotations

NOT_STATED = "[not stated]"

# name -> what it holds; shown to template editors in the admin.
PLACEHOLDERS: dict[str, str] = {
    "tenant_name": "First tenant named on the notice",
    "tenant_names": "Every tenant named on the notice, e.g. 'Ana Ruiz and Ben Ruiz'",
    "landlord_name": "Landlord or agent named on the notice",
    "premises_address": "Address of the rental unit",
    "state": "USPS state code, e.g. CA",
    "state_name": "State name, e.g. California",
    "reason": "Reason key, e.g. non-payment",
    "reason_label": "Reason in plain words, e.g. 'unpaid rent'",
    "notice_type": "Title or kind of notice as written, e.g. '3-day notice to pay rent or quit'",
    "notice_date": "Date the notice is dated, e.g. March 4, 2025",
    "service_date": "Date the notice was delivered, if stated",
    "service_method": "How the notice was delivered, e.g. 'posted and mailed'",
    "notice_days": "Number of days (or hours/months) the notice gives",
    "day_counting": "How the notice's days are counted, e.g. 'court days'",
    "notice_period": "Notice days and counting together, e.g. '3 court days'",
    "deadline_date": "Deadline date stated in the notice",
    "deadline": "Date to act by: the notice's deadline date; when it states none, the earliest lawful "
    "deadline, marked as computed (e.g. 'July 21, 2025 (the earliest date the law allows, counted from "
    "service; the notice states none)'); '[not stated]' only when neither is known",
    "amount_due": "Total the notice demands, e.g. $1,234.56",
    "rent_amount": "Rent only, within the amount due",
    "statute": "Law that sets the minimum notice period, e.g. 'Cal. Code Civ. Proc. § 1161(2)'",
    "required_days": "Minimum number of days the law requires",
    "required_day_counting": "How the required days are counted, e.g. 'court days'",
    "required_period": "Required days and counting together, e.g. '3 court days'",
    "earliest_lawful_deadline": "Earliest deadline the law allows, counted from service",
    "compliance_verdict": "One sentence: the notice meets / does not meet the legal minimum / needs review",
    "compliance_issues": "Problems found in the notice, one '- ' bullet per line",
    "urgency": "How soon the tenant should act, in plain words",
    "key_dates": "Important dates, one '- date: what happens' bullet per line",
    "today": "Date the letter was prepared",
    "court_name": "Court that hears eviction cases (from the court-instructions template)",
    "legal_aid_name": "First legal-aid contact's name (from the court-instructions template)",
    "legal_aid_phone": "First legal-aid contact's phone, if it has one",
    "legal_aid_url": "First legal-aid contact's website",
    "legal_aid_contacts": "Every legal-aid contact, one '- name: website, phone' bullet per line",
}

# Placeholders whose values are money or dates, so strings like "1234.5" / "2025-03-04" are
# formatted by meaning rather than guessed from their look.
AMOUNT_PLACEHOLDERS = frozenset({"amount_due", "rent_amount"})
DATE_PLACEHOLDERS = frozenset({"notice_date", "service_date", "deadline_date", "earliest_lawful_deadline", "today"})
