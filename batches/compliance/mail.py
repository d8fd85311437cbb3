"""What mailing does to a notice period: the days it certainly adds, and the warning when
the time it adds is not certain."""

from __future__ import annotations

from batches.compliance.issues import MAILED_METHODS

# Served by mail alone: nothing reached the tenant on the day of service.
MAIL_ONLY_METHODS = frozenset({"mail", "certified-mail"})


def certain_mail_days(facts: dict, rule: dict) -> tuple[int, str]:
    """The days mailing certainly adds, and the warning that says why. A period counted from
    receipt (MA c.186) starts at the earliest the day after a mailing; with posting or
    delivery as well, receipt may be the day of service, so nothing is certain then."""
    extra = rule.get("mail_extension_days", 0) if facts.get("serviceMethod") in MAILED_METHODS else 0
    if rule.get("counted_from_receipt") and facts.get("serviceMethod") in MAIL_ONLY_METHODS and extra < 1:
        return 1, (
            f"Served by mail: under {rule['statute']} the period runs from receipt, "
            "at the earliest the day after mailing."
        )
    return extra, f"Served by mail: {rule['statute']} adds {extra} days before the period runs."


def mail_doubt_message(rule: dict, unsure: int) -> str:
    """The warning for `mail_extension_uncertain_days` (0: how long receipt took is unknown)."""
    statute = rule["statute"]
    if unsure:
        return (
            f"Served by mail: under {statute} mailing may add time (up to {unsure} days; unsettled, "
            "or it depends on the day of receipt)."
        )
    if rule.get("counted_from_receipt"):
        return (
            f"Served by mail: under {statute} the period runs from receipt, which may be later than the day of service."
        )
    return f"Served by mail: under {statute} mailing may add time, or the period may run from receipt (unsettled)."
