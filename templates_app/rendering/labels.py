"""Plain words for the codes an analysis result holds (state, reason, counting, service, urgency)."""

from __future__ import annotations

STATE_NAMES: dict[str, str] = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "DC": "the District of Columbia",
    "FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois",
    "IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana",
    "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota",
    "MS": "Mississippi", "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
    "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York",
    "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon",
    "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota",
    "TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia",
    "WA": "Washington", "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming",
    "PR": "Puerto Rico", "GU": "Guam", "VI": "the U.S. Virgin Islands", "AS": "American Samoa",
    "MP": "the Northern Mariana Islands",
}  # fmt: skip

REASON_LABELS: dict[str, str] = {
    "non-payment": "unpaid rent",
    "lease-violation": "a claimed lease violation",
    "no-cause": "ending the tenancy without a stated reason",
    "holdover": "staying after the lease ended",
    "nuisance": "a claimed nuisance",
    "illegal-activity": "claimed illegal activity",
    "owner-move-in": "the owner or a relative moving in",
    "demolition": "demolition or major renovation",
    "withdrawal-from-market": "taking the unit off the rental market",
    "sale": "sale of the property",
    "other": "another reason stated in the notice",
    "not-a-notice": "a document that may not be an eviction notice",
    "general": "the reason stated in the notice",
}

DAY_COUNTING_LABELS = {
    "calendar": "calendar days",
    "court": "court days",
    "business": "business days",
    "hours": "hours",
    "months": "months",
}

SERVICE_METHOD_LABELS = {
    "personal": "handed to you in person",
    "substituted": "left with another adult at your home (and usually mailed)",
    "posting": "posted on your door",
    "posting-and-mail": "posted on your door and mailed",
    "mail": "mailed",
    "certified-mail": "sent by certified mail",
    "unknown": None,
}

URGENCY_LABELS = {
    "critical": "Critical: act today.",
    "high": "High: act within the next day or two.",
    "medium": "Medium: act this week.",
    "low": "Low: no deadline is close, but do not ignore this.",
}
