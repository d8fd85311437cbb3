"""What the notice demands: itemised charges, rent and the total.

Each amount is judged by the words around it on its line: "late fee" next to an
amount makes it a late fee; "per month", "security deposit" or "relocation" mean the
amount is information, not a demand (sample s03 names rent and relocation but demands
nothing).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from batches.analysis.rules_numbers import Amount, find_amounts

_INFO = re.compile(
    r"security deposit|deposit of|relocation|per month|each month|a month\b|monthly rent (?:is|of|will)|"
    r"current (?:monthly )?rent|"
    r"new (?:monthly )?rent|will increase|increase|option [a-z]\b|prorated|refund|not a demand|"
    r"none is claimed|"
    r"por mes|cada mes|deposito|rent is \$|rent of \$[\d,.]+ (?:is )?due on|damages|up to \$|"
    r"filing fee|court costs"
)
# Only before the amount: "TOTAL DUE $900.00 (late fees not included)" still demands $900.
# "You owe $3,100.00 ..., after a payment of $300.00": that payment is already deducted.
_EXCLUDED_BEFORE = re.compile(
    r"not included|not demanded|does not include|do not include|after (?:a |your |the )?(?:partial )?payments? of"
)
# A charge the sentence itself leaves out of the demand: "the late fee of $75.00 shown on your
# statement is NOT included in this amount", "el cargo por pago tardio de $75.00 ... no se incluye".
_EXCLUDED_AFTER = re.compile(
    r"\b(?:is|are) not (?:included|demanded|part of (?:this|the) (?:demand|amount))|\bnot included in\b|"
    r"\bno se (?:incluye|incluyen|cobra|exige)\b"
)
_SENTENCE_AFTER_CHARS = 160
_WORDS_GO_ON = re.compile(r"[a-z]{2,}")
_SENTENCE_END = re.compile(r"(?:[a-z]{3}|\d)[.;!?](?=\s)")
_TOTAL = re.compile(
    # a label may wrap: "indebted to the landlord in the sum\nof $3,560.00"
    r"\btotal\b|total a pagar|cantidad total|suma total|\bsum\s+of\b|la\s+suma\s+de|"
    r"(?<!previous )(?<!prior )\bbalance (?:now |currently )?(?:due|owed|owing|demanded)|"
    # "saldo de renta adeudado" labels the balance line of an itemised Spanish demand
    r"saldo (?:de (?:la )?renta )?(?:adeudado|pendiente|total)|"
    r"\bamount (?:now )?(?:due|owed|owing)\b(?! for)|total adeudad[oa]|"
    r"\b(?:full|entire|whole) (?:amount|sum|balance)\b|(?:cantidad|suma) (?:total|completa)"
)
# A payment already made, listed to be subtracted: "Less payment received ($700.00)",
# "Paid on March 3 ..... - $500.00", "Menos pago parcial ... -$400.00".
_CREDIT = re.compile(
    r"(?:\bless\b|\bminus\b|\bpaid\b|payments? (?:received|made)|\bcredit(?:ed|s)?\b|"
    r"\bmenos\b|pago parcial|\babono\b|recibido)[^$\n]{0,60}$|"
    r"\b(?:less|minus|deducting) (?:a |your |the )?(?:partial )?payments? of\s*$"
)
# "... after a payment of $300.00 received on ...": the words after the amount say so.
_CREDIT_AFTER = re.compile(r"^\s*\)?\s*(?:was |has been |were |have been )?(?:received|paid)\b(?! through| in full)")
_CREDIT_WORDS = ("less", "minus", "deducting", "paid", "received", "made", "credit", "menos", "pago parcial", "abono",
                 "recibido")  # fmt: skip


def _is_credit(before: str) -> bool:
    """A payment already made, to be subtracted ("less payment received", "- $500.00")."""
    tail = before.rstrip(" (\t")
    if tail.endswith(("-", "\u2212")) and not tail[-2:-1].isalnum():
        return True
    return any(word in before for word in _CREDIT_WORDS) and _CREDIT.search(before) is not None


_KINDS = (
    ("late-fee", re.compile(r"late (?:fee|charge|payment fee)|recargo|cargo por (?:pago )?tardio|"
                            r"cargo por retraso")),
    ("utilities", re.compile(r"utilit|water|sewer|electric|\bgas\b|trash|garbage|servicios|agua|luz")),
    ("rent", re.compile(r"\brent\b|rental\s+period|\brenta\b|\balquiler\b|for the month of")),
    ("other", re.compile(r"\bfee\b|charge|cargo|\bnsf\b|returned check|parking|pet rent")),
)  # fmt: skip
_PERIOD = re.compile(
    r"\b(?:\d{1,2}/\d{1,2}/\d{2,4}\s*(?:through|thru|to|-)\s*\d{1,2}/\d{1,2}/\d{2,4}|"
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december|"
    r"enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre)"
    r"(?: \d{1,2},?)?(?: de)? \d{4})",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Money:
    """The money facts of one notice."""

    amount_due: float | None
    rent_amount: float | None
    charges: list[dict]


def _context(low: str, amount: Amount) -> tuple[str, str]:
    """The words around an amount, within its sentence: from the line start (or the
    previous line when the amount opens a line) and to the line end."""
    line_start = low.rfind("\n", 0, amount.start) + 1
    if amount.start - line_start < 25 and line_start > 0:
        line_start = max(low.rfind(".", 0, line_start - 1) + 1, line_start - 120, 0)
    line_end = low.find("\n", amount.end)
    line_end = len(low) if line_end == -1 else line_end
    if line_end - amount.end < 25 and line_end < len(low) and _WORDS_GO_ON.search(low, amount.end, line_end):
        # A sentence wrapped right after the amount: its label may continue on the next
        # line ("$1,600 for the rental\nperiod May 1"). Not for itemised lines.
        next_end = low.find("\n", line_end + 1)
        next_end = len(low) if next_end == -1 else next_end
        if "$" not in low[line_end:next_end]:
            line_end = next_end
    before = low[line_start : amount.start]
    # Words before an earlier amount label that amount: "Balance owed: $1,210.00 (rent
    # $1,100.00 ...": "balance owed" is not the label of $1,100.00.
    before = before[before.rfind("$") + 1 :]
    after = low[amount.end : min(line_end, amount.end + 60)]
    # "Your rent is $1,500.00 per month. You owe $1,500.00": the first sentence's
    # "per month" must not make the second amount informational.
    breaks = list(_SENTENCE_END.finditer(before))
    if breaks:
        before = before[breaks[-1].end() :]
    first_end = _SENTENCE_END.search(after)
    return before, after[: first_end.end()] if first_end else after


# An amount no word labels ("unless you pay $1,560.00 before that time"): a repeat of a
# labelled amount when it equals one, else an "other" charge.
_UNLABELLED = "unlabelled"


def _classify(before: str, after: str) -> str | None:
    """Charge kind, 'total', or None when the amount is informational."""
    near = before[-70:] + " " + after[:45]
    if _INFO.search(near) or _EXCLUDED_BEFORE.search(before[-70:]):
        return None
    if _is_credit(before[-70:]) or _CREDIT_AFTER.match(after):
        return "credit"
    if _TOTAL.search(before[-60:]):
        return "total"
    return _nearest_kind(before[-60:], after[:40]) or _UNLABELLED


# A bare month ("August 2025 ..... $1,650.00") suggests rent, but only when no charge word
# is named: "Water/sewer due for August 2025 $48.25" is a utility, not rent.
_MONTH_ITEM = re.compile(
    r"\b(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? |(?:enero|febrero|marzo|abril|mayo|junio|"
    r"julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre) del? )\d{4}\b"
)


def _nearest_kind(before: str, after: str) -> str | None:
    """The kind named closest before the amount, else a month (rent), else closest after it."""
    best, best_end = None, -1
    for kind, rx in _KINDS:
        for m in rx.finditer(before):
            if m.end() > best_end:
                best, best_end = kind, m.end()
    if best:
        return best
    if _MONTH_ITEM.search(before):
        return "rent"
    hits = [(m.start(), kind) for kind, rx in (*_KINDS, ("rent", _MONTH_ITEM)) if (m := rx.search(after))]
    return min(hits)[1] if hits else None


def _period(before: str, after: str, fixed_span: str) -> str | None:
    m = _PERIOD.search(before[-70:] + " " + after[:40])
    if not m:
        return None
    return fixed_span[fixed_span.lower().find(m.group(0).lower()) :][: len(m.group(0))] or m.group(0)


def extract_money(fixed: str, low: str) -> Money:
    """Itemised charges and the demanded total (None when nothing is demanded)."""
    charges, totals, credits = [], [], []
    for amount in find_amounts(fixed, low):
        before, after = _context(low, amount)
        kind = _classify(before, after)
        if kind not in (None, "total", "credit") and _excluded_after(low, amount.end):
            continue
        if kind == "total":
            totals.append(amount.value)
        elif kind == "credit":
            credits.append(amount.value)
        elif kind:
            window = fixed[max(0, amount.start - len(before)) : amount.end + len(after)]
            charges.append({"kind": kind, "amount": amount.value, "period": _period(before, after, window)})
    charges = _dedupe(_without_repeats(charges, totals))
    if not totals:
        charges, totals = _unlabelled_total(charges, sum(credits))
    rent = [c["amount"] for c in charges if c["kind"] == "rent"]
    rent_amount = round(sum(rent), 2) if rent else None
    if totals:
        return Money(max(totals), rent_amount or (max(totals) if not charges else None), charges)
    if charges:
        due = round(sum(c["amount"] for c in charges) - sum(credits), 2)
        return Money(due if due > 0 else None, rent_amount, charges)
    return Money(None, None, [])


def _excluded_after(low: str, end: int) -> bool:
    """The rest of the amount's sentence (it may wrap) says this charge is not demanded."""
    rest = low[end : end + _SENTENCE_AFTER_CHARS]
    stop = _SENTENCE_END.search(rest)
    return bool(_EXCLUDED_AFTER.search(rest[: stop.end()] if stop else rest))


def _unlabelled_total(charges: list[dict], credit: float) -> tuple[list[dict], list[float]]:
    """A charge equal to all the others (less credits) is their total, stated without a
    "total" label ("Balance: $1,210.00 (rent $1,100.00 and late charge $110.00)")."""
    if len(charges) < (2 if credit else 3):
        return charges, []
    amounts = [c["amount"] for c in charges]
    for i, charge in enumerate(charges):
        if abs(charge["amount"] - (sum(amounts) - charge["amount"] - credit)) <= 0.005:
            return charges[:i] + charges[i + 1 :], [charge["amount"]]
    return charges, []


def _without_repeats(charges: list[dict], totals: list[float]) -> list[dict]:
    """Drop unlabelled amounts that repeat a labelled one; the rest are "other" charges."""
    labelled = {c["amount"] for c in charges if c["kind"] != _UNLABELLED} | set(totals)
    return [
        {**c, "kind": "other"} if c["kind"] == _UNLABELLED else c
        for c in charges
        if c["kind"] != _UNLABELLED or c["amount"] not in labelled
    ]


def _dedupe(charges: list[dict]) -> list[dict]:
    """Drop a repeated mention of the same charge (same kind and amount, no distinct period)."""
    kept: list[dict] = []
    for charge in charges:
        twin = next((k for k in kept if k["kind"] == charge["kind"] and k["amount"] == charge["amount"]), None)
        if twin is None or (twin["period"] and charge["period"] and twin["period"] != charge["period"]):
            kept.append(charge)
        elif twin["period"] is None:
            twin["period"] = charge["period"]
    return kept
