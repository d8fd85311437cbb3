"""The offline `rules` analyzer's fact extractor: notice text in, `NoticeFacts` dict out.

Pure and deterministic: no ORM, network or Django. Every regex is compiled at import.
The text is normalised once (textnorm) and each helper module reads the copy it needs:
line-oriented extractors read the case-preserving OCR-fixed copy, classifiers the
lowercase one.
"""

from __future__ import annotations

import re

from batches.analysis.rules_dates import find_dates
from batches.analysis.rules_kind import document_kind
from batches.analysis.rules_money import extract_money
from batches.analysis.rules_parties import landlord_name, premises_address, tenant_names
from batches.analysis.rules_reason import REASON_THRESHOLD, first_cue_position, reason_scores
from batches.analysis.rules_service import cure_offered, service_method
from batches.analysis.rules_state import detect_state
from batches.analysis.rules_terms import date_roles, period_from_dates, stated_period
from batches.analysis.schema import REASONS, empty_facts
from batches.analysis.textnorm import NormalizedText, fold, normalize

# The title block ends at the parties block or after a few lines of text.
_HEAD_END = re.compile(
    # "Tenant: ..." starts the parties block; a title may start with the word ("TENANT RIGHTS ...").
    r"^\s*(?:to|tenants?(?:\(s\))?(?:\s+names?)?\s*(?::|$)|premises|date|dated|dear|para|a|inquilinos?|fecha|"
    r"date delivered|"
    r"estimad[oa]s?|you are|usted)\b",
    re.IGNORECASE,
)
_PAGE_LINE = re.compile(r"^\s*(?:page|pagina)\s+\d+\s+(?:of|de)\s+\d+\s*$", re.IGNORECASE)
_HEAD_LINES = 4
_LETTERHEAD_LINES = 8  # a landlord's letterhead may push the title down this far
_BODY_TITLE_LINES = 25  # a letter's title may follow the date and the addressee block
_SPANISH = frozenset("el la los las de del que usted su para por dias renta aviso inquilino y en".split())
_ENGLISH = frozenset("the you your of to and is this rent notice tenant for in".split())
_TITLE_WORDS = re.compile(
    r"notice|demand|aviso|offer|summons|reminder|notificacion|petition|complaint|writ|disclosure|statement|"
    # titles of other papers: "PAYMENT PLAN CONFIRMATION", "RECEIPT", "LEDGER"
    r"agreement|\bplan\b|confirmation|receipt|ledger|invoice|acknowledg|acuerdo|recibo|warning"
)
# Reasons that say why the tenancy ends; "no-cause" only applies when none of them does.
_CAUSES = tuple(r for r in REASONS if r not in ("no-cause", "other", "not-a-notice"))
_TERMINATION = re.compile(
    r"terminat|tenancy[^.]{0,40}(?:will )?end|\bend(?:s|ing)?\s+(?:your\s+|the\s+|this\s+)?(?:[\w-]+\s+){0,2}tenancy|"
    r"notice to quit|quit and deliver|demands? (?:immediate )?possession|desalojo|"
    r"(?:contrato|arrendamiento)[^.]{0,40}\btermin|"
    # "he decidido terminar el contrato", "aviso de terminacion del arrendamiento"; not "al terminar
    # su contrato" (when the lease ends), which says nothing of who ends it
    r"(?<!\bal )\btermin\w* (?:de |del |el |su )?(?:contrato|arrendamiento)\b"
)
# A periodic tenancy the notice asks to leave, with no cause named, is a no-cause termination
# even without a termination word ("me alquila ... mes a mes ... le pido que desocupe"). Without
# the periodic tenancy a leave demand may rest on a cause we do not name (employer housing): other.
_PERIODIC = re.compile(
    r"month[- ]to[- ]month|week[- ]to[- ]week|\bat[- ]will\b|\bperiodic\b|\bmes a mes\b|\bmes por mes\b|"
    r"\bsin contrato\b|\bmensual(?:mente)?\b"
)
_LEAVE = re.compile(
    r"\bvacate\b|\bmove out\b|\bdesocup\w*|\bmudarse\b|"
    r"\bentregar (?:la|el) (?:casa|vivienda|posesi[oó]n|inmueble|apartamento|departamento|unidad)\b"
)


def _head(fixed: str) -> str:
    """The title lines: up to _HEAD_LINES non-empty lines before the parties block,
    starting at the first line with a title word (skipping a letterhead)."""
    lines = []
    for line in fixed.splitlines():
        if not line.strip() or _PAGE_LINE.match(line):
            continue
        if _HEAD_END.match(line) or len(lines) >= _LETTERHEAD_LINES:
            break
        lines.append(line.strip())
    start = next((i for i, line in enumerate(lines) if _TITLE_WORDS.search(line.lower())), None)
    if start is None:
        # A letter: letterhead, date and addressee come first and the title sits in the
        # middle ("Dear ..." or the tenant's address ends the scan above).
        title = _title_in_body(fixed)
        if title:
            return title
        start = 0
    return "\n".join(lines[start : start + _HEAD_LINES])


def _title_in_body(fixed: str) -> str | None:
    """An all-caps line with a title word among the first lines, plus the line after it."""
    lines = [line.strip() for line in fixed.splitlines() if line.strip()][:_BODY_TITLE_LINES]
    for i, line in enumerate(lines):
        if line.isupper() and len(line) >= 12 and _TITLE_WORDS.search(line.lower()):
            return "\n".join(lines[i : i + 2])
    return None


def _language(low: str) -> str:
    words = low[:4000].split()
    # Counts every occurrence (not a set intersection); `map` over the bound `__contains__`
    # keeps the loop in C.
    spanish = sum(map(_SPANISH.__contains__, words))
    english = sum(map(_ENGLISH.__contains__, words))
    if spanish == english == 0:
        return "other"
    return "es" if spanish > english else "en"


def _notice_type(head: str) -> str | None:
    lines = [line for line in head.splitlines() if _TITLE_WORDS.search(line.lower())]
    if not lines:
        return head.splitlines()[0] if head else None
    return " ".join(lines[0].split())


def _choose_reasons(scores: dict[str, float], low: str, flat: str) -> list[str]:
    """Every reason with a clear cue, strongest first (a tie: the one the text names first);
    no-cause only without a cause."""
    top = max(scores.values(), default=0.0)
    tied = [r for r in scores if scores[r] == top and r in _CAUSES]
    first = {r: first_cue_position(r, flat) for r in tied} if len(tied) > 1 else {}
    ranked = sorted(scores, key=lambda r: (-scores[r], first.get(r, 0), REASONS.index(r)))
    keep = [r for r in ranked if scores[r] >= REASON_THRESHOLD] or ranked[:1]
    if any(r in _CAUSES for r in keep):
        keep = [r for r in keep if r != "no-cause"]
    if not keep:
        ended = _TERMINATION.search(low) or (_PERIODIC.search(low) and _LEAVE.search(low))
        keep = ["no-cause"] if ended else ["other"]
    return keep


def _confidence(scores: dict[str, float], reasons: list[str], days: int | None) -> float:
    """How clear the cues were: a title phrase, a stated period, an unambiguous winner."""
    top = scores.get(reasons[0], 0.0)
    confidence = 0.35 if top == 0 else 0.55 + (0.25 if top >= 3 else 0.1)
    if days is not None:
        confidence += 0.1
    rivals = [s for r, s in scores.items() if r not in reasons and s >= top > 0]
    if rivals:
        confidence -= 0.2
    return round(min(max(confidence, 0.05), 0.97), 2)


def _common_facts(norm: NormalizedText) -> dict:
    """Facts read the same way for notices and non-notices."""
    roles = date_roles(norm.low, find_dates(norm.low))
    return {
        "state": detect_state(norm.low),
        "tenantNames": tenant_names(norm.fixed),
        "landlordName": landlord_name(norm.fixed),
        "premisesAddress": premises_address(norm.fixed),
        "serviceMethod": service_method(norm.low),
        "language": _language(norm.low),
        **roles,
    }


def _notice_facts(norm: NormalizedText, head_low: str, demand_spans: tuple[tuple[int, int], ...]) -> dict:
    scores = reason_scores(head_low, norm.low, norm.flat)
    reasons = _choose_reasons(scores, norm.low, norm.flat)
    period = stated_period(head_low, norm.low, demand_spans)
    money = extract_money(norm.fixed, norm.low)
    demands_money = "non-payment" in reasons
    return {
        "isEvictionNotice": True,
        "reason": reasons[0],
        "reasons": reasons,
        "noticeDays": period.days,
        "dayCounting": period.counting,
        "amountDue": money.amount_due if demands_money else None,
        "rentAmount": money.rent_amount if demands_money else None,
        "charges": money.charges if demands_money else [],
        "cureOffered": cure_offered(norm.flat, reasons),
        "confidence": _confidence(scores, reasons, period.days),
    }


def extract_facts(text: str, *, state_hint: str | None = None) -> dict:
    """Return a dict that validates as NoticeFacts (NoticeFacts.model_validate(d) must pass).

    `state_hint` (the user's selected state) never overrides the state the text names.
    It is accepted for the analyzer interface but currently unused: on every labeled
    notice the text's own cues settle the reason, and `state` must report only what
    the text says (the compliance checker combines the two and flags a mismatch).
    """
    norm = normalize(text or "")
    head = _head(norm.fixed)
    head_low = fold(head)
    facts = empty_facts(noticeType=_notice_type(head), **_common_facts(norm))
    kind = document_kind(head_low, norm.low, norm.flat)
    if kind.document_type:
        facts.update(
            reason="not-a-notice",
            reasons=["not-a-notice"],
            documentType=kind.document_type,
            confidence=kind.strength,
        )
        return facts
    facts.update(_notice_facts(norm, head_low, kind.demand_spans))
    if facts["noticeDays"] is None:
        derived = period_from_dates(facts["serviceDate"] or facts["noticeDate"], facts["deadlineDate"])
        facts.update(noticeDays=derived.days, dayCounting=derived.counting)
    if kind.tentative:
        facts["confidence"] = min(facts["confidence"], _TENTATIVE_CONFIDENCE)
    return facts


_TENTATIVE_CONFIDENCE = 0.45  # a notice by its structure only (rules_kind): a human should look
