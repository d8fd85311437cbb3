"""The data contract shared by every analyzer, the compliance check and the result.

An analyzer turns notice text into *facts* (`NoticeFacts`); code then decides
compliance from the state rules and assembles the versioned `analysisResults`
document (see DESIGN.md §3). Both the rules engine and the LLM produce the same
`NoticeFacts` shape, so everything downstream is analyzer-agnostic.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

RESULT_SCHEMA_VERSION = 1

REASONS = (
    "non-payment",
    "lease-violation",
    "no-cause",
    "holdover",
    "nuisance",
    "illegal-activity",
    "owner-move-in",
    "demolition",
    "withdrawal-from-market",
    "sale",
    "other",
    "not-a-notice",
)
# Reasons that have their own templates/rules keys; everything maps onto these.
TEMPLATE_REASONS = REASONS

DAY_COUNTING = ("calendar", "court", "business", "hours", "months")
SERVICE_METHODS = (
    "personal",
    "substituted",
    "posting",
    "posting-and-mail",
    "mail",
    "certified-mail",
    "unknown",
)
LANGUAGES = ("en", "es", "other")

Reason = Literal[
    "non-payment",
    "lease-violation",
    "no-cause",
    "holdover",
    "nuisance",
    "illegal-activity",
    "owner-move-in",
    "demolition",
    "withdrawal-from-market",
    "sale",
    "other",
    "not-a-notice",
]
DayCounting = Literal["calendar", "court", "business", "hours", "months"]
ServiceMethod = Literal["personal", "substituted", "posting", "posting-and-mail", "mail", "certified-mail", "unknown"]


class Charge(BaseModel):
    """One amount the notice names: rent for a period, a late fee, utilities..."""

    model_config = ConfigDict(extra="forbid")

    kind: Literal["rent", "late-fee", "utilities", "other"]
    amount: float
    period: str | None = Field(description="Rental period the charge covers, as written")


class NoticeFacts(BaseModel):
    """What an analyzer extracts from one notice. Dates are ISO `YYYY-MM-DD` strings.

    Every field is required (nullable where unknown) so the same model doubles as the
    strict JSON schema sent to the LLM.
    """

    model_config = ConfigDict(extra="forbid")

    isEvictionNotice: bool
    reason: Reason = Field(description="Primary reason; `not-a-notice` for other documents")
    reasons: list[Reason] = Field(description="Every reason the notice states (combined notices)")
    noticeType: str | None = Field(description="Title or kind of notice, e.g. '3-day notice to pay rent or quit'")
    documentType: str | None = Field(
        description="For non-notices: renewal-offer, rent-increase, reminder, court-summons..."
    )
    state: str | None = Field(description="USPS code of the state whose law the text invokes, if it says so")
    tenantNames: list[str]
    landlordName: str | None
    premisesAddress: str | None
    noticeDate: str | None = Field(description="Date the notice is dated")
    serviceDate: str | None = Field(description="Date the notice was served/delivered, if stated")
    serviceMethod: ServiceMethod | None
    noticeDays: int | None = Field(description="Days (or hours/months, per dayCounting) the notice gives")
    dayCounting: DayCounting | None
    deadlineDate: str | None = Field(description="Deadline date stated in the notice")
    tenancyStartDate: str | None
    amountDue: float | None = Field(description="Total the notice demands")
    rentAmount: float | None = Field(description="Rent only, within amountDue")
    charges: list[Charge]
    cureOffered: bool | None = Field(description="Whether the tenant may pay/cure to stop the notice")
    language: Literal["en", "es", "other"]
    confidence: float = Field(ge=0, le=1)


def empty_facts(**overrides) -> dict:
    """A fully populated facts dict with neutral values (used by tests and fallbacks)."""
    facts = {
        "isEvictionNotice": False,
        "reason": "other",
        "reasons": [],
        "noticeType": None,
        "documentType": None,
        "state": None,
        "tenantNames": [],
        "landlordName": None,
        "premisesAddress": None,
        "noticeDate": None,
        "serviceDate": None,
        "serviceMethod": None,
        "noticeDays": None,
        "dayCounting": None,
        "deadlineDate": None,
        "tenancyStartDate": None,
        "amountDue": None,
        "rentAmount": None,
        "charges": [],
        "cureOffered": None,
        "language": "en",
        "confidence": 0.0,
    }
    facts.update(overrides)
    return facts
