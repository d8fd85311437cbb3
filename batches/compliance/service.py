"""Delivery-method checks that the period check cannot see.

Texas (Prop. Code 24.005(f), (f-1); reference §1.2 Texas): a notice to vacate is delivered in
person, by affixing it to the INSIDE of the main entry door, or by mail. Posting it on the
outside of a door counts only in limited cases and only with a same-day mailing. The
extractor reports both kinds of door posting as "posting", so the text says which it was.
"""

from __future__ import annotations

import re

from batches.compliance.issues import ERROR, MAILED_METHODS, WARNING, issue

# A posting verb, then the outside of a door ("posted on the OUTSIDE of the front door",
# "taped outside the door", "pegado en la parte exterior de la puerta"). "left"/"placed" are not
# posting verbs here: "trash left outside the door" describes a violation, not the delivery.
_OUTSIDE = re.compile(
    r"\b(?:posted|affixed|attached|taped|tacked|pegad[oa]|fijad[oa])\b[^.\n]{0,30}?"
    r"(?:\boutside\b|\bexterior\b|\bafuera\b|\bfuera\b)[^.\n]{0,30}?\b(?:door|puerta)\b",
    re.IGNORECASE,
)
# The delivery the reference reports for GA 44-7-50(c) (a sealed envelope posted on the door).
_REPORTED = re.compile(r"\bsealed\s+envelope\b|\bsobre\s+(?:cerrado|sellado)\b", re.IGNORECASE)
_MAILED = re.compile(
    r"\b(?:mailed|by\s+(?:first[- ]class\s+|regular\s+|certified\s+)?mail|sent\s+by|por\s+correo)\b",
    re.IGNORECASE,
)


def check_service(facts: dict, rule: dict, text: str) -> tuple[list[dict], bool | None]:
    """SERVICE_NOT_ALLOWED (error) for outside posting with no mailing; review with one.
    Under a rule whose delivery methods are unsure, only a notice handed to the tenant, or
    delivered the way the reference reports (a sealed envelope on the door), is judged without
    review."""
    if rule.get("delivery_uncertain") and facts.get("serviceMethod") != "personal" and not _REPORTED.search(text or ""):
        how = facts.get("serviceMethod") or "not stated"
        msg = (
            f"It is unsure which delivery methods {rule['statute']} allows, and this notice was not handed to "
            f"the tenant (delivery: {how}). Check the delivery. Needs review."
        )
        return [issue("NEEDS_REVIEW", WARNING, msg)], None
    if not rule.get("outside_posting_needs_mail") or not _OUTSIDE.search(text or ""):
        return [], True
    if facts.get("serviceMethod") in MAILED_METHODS or _MAILED.search(text or ""):
        msg = (
            f"The notice was posted outside the door and mailed: under {rule['statute']} that counts only in "
            "limited cases (e.g. no mailbox and a barrier to entry, or a reasonable fear of harm). Needs review."
        )
        return [issue("SERVICE_NOT_ALLOWED", WARNING, msg)], None
    msg = (
        f"The notice says it was posted on the outside of the door and shows no mailing: under {rule['statute']} "
        "that is not a lawful delivery (in person, inside the main entry door, or by mail; outside posting "
        "only with a same-day mailing)."
    )
    return [issue("SERVICE_NOT_ALLOWED", ERROR, msg)], False
