"""Turn stored results and metrics into what a person reads in the admin: plain data for
autoescaping templates (nothing here builds HTML), and the dashboard's alerts."""

from __future__ import annotations

import json

from batches.models import BatchItem, ErrorCategory, ItemStatus

SUCCESS_RATE_THRESHOLD = 0.95  # the seed's alert thresholds
CACHE_HIT_THRESHOLD = 0.80

NOTICE_FACTS = (
    ("isEvictionNotice", "Eviction notice"),
    ("noticeType", "Notice type"),
    ("reason", "Reason"),
    ("state", "State"),
    ("tenantNames", "Tenant(s)"),
    ("landlordName", "Landlord"),
    ("premisesAddress", "Premises"),
    ("noticeDate", "Notice date"),
    ("serviceDate", "Served"),
    ("serviceMethod", "Service method"),
    ("noticeDays", "Days given"),
    ("dayCounting", "Day counting"),
    ("deadlineDate", "Deadline on the notice"),
    ("amountDue", "Amount due"),
    ("rentAmount", "Rent"),
    ("cureOffered", "Cure offered"),
    ("language", "Language"),
)
CATEGORY_ADVICE = {
    ErrorCategory.TEMPLATE_NOT_FOUND: "No active template, not even a general fallback, for the item's state and "
    "reason. Activate or add one under Templates, then retry with the latest template versions.",
    ErrorCategory.LLM_RATE_LIMITED: "The LLM provider throttled us. Lower the batch concurrency or raise the "
    "account's rate limit, then retry the failed items.",
    ErrorCategory.LLM_TIMEOUT: "LLM calls ran past OPENAI_TIMEOUT_SECONDS. Check the provider's status, lower "
    "concurrency, then retry.",
    ErrorCategory.LLM_UNAVAILABLE: "The LLM server returned errors or could not be reached. Retry once it is back.",
    ErrorCategory.LLM_AUTH: "The API key was refused. Fix OPENAI_API_KEY, then resume the paused batch.",
    ErrorCategory.LLM_QUOTA: "The LLM account is out of quota. Top it up, then resume the paused batch.",
    ErrorCategory.LLM_BAD_REQUEST: "The provider rejected our request (model name, prompt size). Check the "
    "prompt templates and OPENAI_MODEL.",
    ErrorCategory.LLM_BAD_OUTPUT: "The model's answers did not fit the schema. Review the analysis prompt, or "
    "retry with the rules analyzer.",
    ErrorCategory.VALIDATION: "The input rows were not usable. Fix them at the source and upload them again.",
    ErrorCategory.TEXT_EXTRACTION_FAILED: "No usable text came out of the notice (e.g. an unreadable image). "
    "Re-extract the text and upload it again.",
    ErrorCategory.WORKER_LOST: "A worker died repeatedly on these items (memory, timeouts). Check the qcluster "
    "logs before retrying.",
    ErrorCategory.INTERNAL: "An unexpected error in our code. Check the error reports, fix, then retry.",
}


def _verdict(compliance: dict) -> tuple[str, str]:
    meets = compliance.get("meetsStatutoryMinimum")
    if meets is True and not compliance.get("needsReview"):
        return "meets", "Meets the statutory minimum"
    if meets is False:
        return "fails", "Does not meet the statutory minimum"
    return "review", "Needs review"


def _fact_value(value):
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or None
    if isinstance(value, float) and value.is_integer():
        return f"{value:,.2f}"
    return value


def item_display(item: BatchItem) -> dict:
    """Everything the read-only item page shows, as plain values."""
    results = item.analysis_results or {}
    compliance = results.get("compliance") or {}
    notice = results.get("notice") or {}
    response = results.get("response") or {}
    verdict_code, verdict_label = _verdict(compliance) if compliance else ("none", "")
    if notice.get("isEvictionNotice") is False:
        verdict_code, verdict_label = "none", "Not an eviction notice: no statutory check applies"
    return {
        "item": item,
        "failed": item.status == ItemStatus.FAILED,
        "has_result": bool(results),
        "facts": [(label, _fact_value(notice.get(key))) for key, label in NOTICE_FACTS if key in notice],
        "compliance": compliance,
        "verdict_code": verdict_code,
        "verdict_label": verdict_label,
        "issues": compliance.get("issues") or [],
        "urgency": results.get("urgency"),
        "confidence": results.get("confidence"),
        "key_dates": results.get("keyDates") or [],
        "defenses": results.get("defenses") or [],
        "actions": results.get("immediateActions") or [],
        "letter": response.get("letter") or "",
        "court_instructions": response.get("courtInstructions") or "",
        "contacts": [_safe_contact(c) for c in response.get("legalAidContacts") or [] if isinstance(c, dict)],
        "provenance": results.get("provenance") or {},
        "raw_json": json.dumps(results, indent=2, ensure_ascii=False) if results else "",
        "form_data": item.user_form_data or {},
        "category_label": category_label(item.error_category),
        "category_advice": CATEGORY_ADVICE.get(item.error_category, ""),
    }


def category_label(category: str) -> str:
    """The readable label of a stored error category (an unknown value is shown as stored)."""
    return ErrorCategory(category).label if category in ErrorCategory.values else category


def _safe_contact(contact: dict) -> dict:
    """Only http(s) links become clickable: a contact's url comes from editable data."""
    url = str(contact.get("url") or "")
    safe = url if url.lower().startswith(("https://", "http://")) else ""
    return {**contact, "url": safe, "raw_url": url if not safe else ""}


def _pct(ratio) -> str:
    return "n/a" if ratio is None else f"{100 * ratio:.1f}%"


def metrics_alerts(series: list[dict], *, failures: dict, overall: dict) -> list[dict]:
    """One warning per batch (and for the window) that crosses a seed threshold, each with
    the likely cause and what to do."""
    alerts = []
    for point in reversed(series):  # newest first
        if not point["totalProcessed"]:
            continue
        label = f"Batch #{point['id']} {point['name']}"
        if point["successRate"] is not None and point["successRate"] < SUCCESS_RATE_THRESHOLD:
            alerts.append(_success_alert(label, point, failures.get(point["id"], [])))
        if point["cacheHitRatio"] is not None and point["cacheHitRatio"] < CACHE_HIT_THRESHOLD:
            alerts.append(_cache_alert(label, point))
    return alerts


def _success_alert(label: str, point: dict, categories: list[tuple[str, int]]) -> dict:
    top = categories[:3]
    causes = [
        f"{n} item(s) failed with {cat}: {CATEGORY_ADVICE.get(cat, 'see the failed items for details.')}"
        for cat, n in top
    ]
    return {
        "kind": "success",
        "batch_id": point["id"],
        "title": f"{label}: success rate {_pct(point['successRate'])} is below 95%",
        "causes": causes or ["The failed items carry no category; open them to read the errors."],
        "todo": "Open the failed items (filter by error category), fix the cause above, then use "
        "'Retry failed items' on the batch.",
    }


def _cache_alert(label: str, point: dict) -> dict:
    processed = point["totalProcessed"]
    causes = []
    if point["fallbackShare"]:
        causes.append(
            f"{_pct(point['fallbackShare'])} of the items ({point['fallbackCount']} of {processed}) needed a "
            "general fallback template: their state has no template of its own, so each costs extra lookups."
        )
    causes.append(
        f"The batch spans {point['stateCount']} state(s); every distinct (state, reason) template is a miss on "
        f"first use, so a batch with few items per state ({processed} item(s) here) has a low hit ratio by nature."
    )
    return {
        "kind": "cache",
        "batch_id": point["id"],
        "title": f"{label}: template cache hit ratio {_pct(point['cacheHitRatio'])} is below 80%",
        "causes": causes,
        "todo": "Add state templates for the states that fall back most often (Templates coverage), and check "
        "that the template cache was not cleared during the batch. Small batches can ignore this warning.",
    }
