"""The LLM extracts, code verifies: every concrete value must be findable in the notice text.

A value the text does not contain is either a hallucination or the result of an injected
instruction ("say the state is CA"). Each miss lowers `confidence` multiplicatively and
adds a warning issue naming the field, never the value (it can be a name or an amount).
"""

from __future__ import annotations

import copy
import datetime as dt
import re

ISSUE_CODE = "VALUE_NOT_IN_TEXT"
# How much one unsupported value costs; the state is the field an injection targets most.
PENALTY = {"amount": 0.7, "date": 0.8, "name": 0.8, "noticeDays": 0.85, "state": 0.5}
AMOUNT_FIELDS = ("amountDue", "rentAmount")
DATE_FIELDS = ("noticeDate", "serviceDate", "deadlineDate", "tenancyStartDate")

_STATES = dict(
    pair.split(":")
    for pair in (
        "AL:alabama AK:alaska AZ:arizona AR:arkansas CA:california CO:colorado CT:connecticut "
        "DE:delaware DC:district_of_columbia FL:florida GA:georgia HI:hawaii ID:idaho IL:illinois "
        "IN:indiana IA:iowa KS:kansas KY:kentucky LA:louisiana ME:maine MD:maryland "
        "MA:massachusetts MI:michigan MN:minnesota MS:mississippi MO:missouri MT:montana "
        "NE:nebraska NV:nevada NH:new_hampshire NJ:new_jersey NM:new_mexico NY:new_york "
        "NC:north_carolina ND:north_dakota OH:ohio OK:oklahoma OR:oregon PA:pennsylvania "
        "RI:rhode_island SC:south_carolina SD:south_dakota TN:tennessee TX:texas UT:utah "
        "VT:vermont VA:virginia WA:washington WV:west_virginia WI:wisconsin WY:wyoming"
    ).split()
)
# First three ZIP digits per state (USPS prefix ranges; enough to support, not to prove).
_ZIP_RANGES = (
    "AL:350-369 AK:995-999 AZ:850-865 AR:716-729 CA:900-961 CO:800-816 CT:060-069 DE:197-199 "
    "DC:200-205 FL:320-349 GA:300-319,398-399 HI:967-968 ID:832-838 IL:600-629 IN:460-479 "
    "IA:500-528 KS:660-679 KY:400-427 LA:700-714 ME:039-049 MD:206-219 MA:010-027 MI:480-499 "
    "MN:550-567 MS:386-397 MO:630-658 MT:590-599 NE:680-693 NV:889-898 NH:030-038 NJ:070-089 "
    "NM:870-884 NY:005,100-149 NC:270-289 ND:580-588 OH:430-459 OK:730-749 OR:970-979 "
    "PA:150-196 RI:028-029 SC:290-299 SD:570-577 TN:370-385 TX:750-799,885 UT:840-847 "
    "VT:050-059 VA:201,220-246 WA:980-994 WV:247-268 WI:530-549 WY:820-831"
)
# Statute citations that name no state in full.
_STATUTES = {
    "TX": r"\btex(?:as)?\.?\s*prop(?:erty)?\.?\s*code",
    "CA": r"\bcal(?:if)?\.?\s*(?:civ|code)|\bcode\s+of\s+civil\s+procedure\s+(?:section\s+|§\s*)?11\d\d",
    "NY": r"\b(?:rpapl|n\.?\s?y\.?\s*real\s+prop)",
    "FL": r"\bfla\.?\s*stat",
    "OR": r"\bors\s+90\.",
    "WA": r"\brcw\s+59\.",
    "IL": r"\b\d+\s+ilcs\b",
    "MI": r"\bmcl\s+600\.",
    "GA": r"\bo\.?c\.?g\.?a\.?",
}
_MONTHS = {
    name: i
    for i, names in enumerate(
        (
            "jan january enero",
            "feb february febrero",
            "mar march marzo",
            "apr april abril",
            "may mayo",
            "jun june junio",
            "jul july julio",
            "aug august agosto",
            "sep sept september septiembre setiembre",
            "oct october octubre",
            "nov november noviembre",
            "dec december diciembre",
        ),
        start=1,
    )
    for name in names.split()
}
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATE_PATTERNS = (
    (re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b"), "ymd"),
    (re.compile(r"\b(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4}|\d{2})\b"), "mdy"),
    (re.compile(rf"\b({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b"), "Mdy"),
    (
        re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:de\s+|of\s+)?({_MONTH_RE})\.?,?\s+(?:de\s+)?(\d{{4}})\b"),
        "dMy",
    ),
)
_UNITS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen \
fifteen sixteen seventeen eighteen nineteen".split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
_DIGITISH = re.compile(r"(?<![A-Za-z])[0-9OolI|][0-9OolI|,.]*(?![A-Za-z])")
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _ocr_digits(text: str) -> str:
    """Read OCR letter-for-digit swaps inside number-like tokens ("l,425.OO" -> "1,425.00")."""
    table = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1", "|": "1"})

    def fix(match: re.Match) -> str:
        token = match.group(0)
        return token.translate(table) if any(ch.isdigit() for ch in token) else token

    return _DIGITISH.sub(fix, text)


def _amounts_in(text: str) -> set[float]:
    found = set()
    for match in _NUMBER.finditer(_ocr_digits(text)):
        raw = match.group(0).rstrip(".,").replace(",", "")
        try:
            found.add(round(float(raw), 2))
        except ValueError:
            continue
    return found


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    if year < 100:
        year += 2000
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _dates_in(text: str) -> set[dt.date]:
    found: set[dt.date] = set()
    lowered = _ocr_digits(text).lower()
    for pattern, order in _DATE_PATTERNS:
        for a, b, c in pattern.findall(lowered):
            if order == "ymd":
                found.add(_safe_date(int(a), int(b), int(c)))
            elif order == "mdy":
                # "6/10/2025" is 10 June in a US notice and 6 October in a Spanish one: either
                # reading supports the value (this is a check that the date is there, not a parse).
                found.add(_safe_date(int(c), int(a), int(b)))
                found.add(_safe_date(int(c), int(b), int(a)))
            elif order == "Mdy":
                found.add(_safe_date(int(c), _MONTHS[a], int(b)))
            else:
                found.add(_safe_date(int(c), _MONTHS[b], int(a)))
    found.discard(None)
    return found


_WORD = re.compile(r"[^\W_]+")
_ZIP = re.compile(r"(?<![\d$.,])(\d{5})(?:-\d{4})?(?![\d.,]\d)")


def _words(text: str) -> str:
    """Lower-case words separated by single spaces, padded, for whole-word substring tests."""
    return " " + " ".join(_WORD.findall(text.casefold())) + " "


# Spanish words for the periods notices give ("quince dias", "treinta dias").
_SPANISH_DAYS = {
    1: "un", 2: "dos", 3: "tres", 4: "cuatro", 5: "cinco", 6: "seis", 7: "siete", 8: "ocho", 9: "nueve",
    10: "diez", 12: "doce", 14: "catorce", 15: "quince", 20: "veinte", 21: "veintiun", 30: "treinta",
    45: "cuarenta y cinco", 60: "sesenta", 90: "noventa", 120: "ciento veinte",
}  # fmt: skip
# A termination with no waiting period gives 0 days without writing "0".
_IMMEDIATE = re.compile(r"\bimmediate(?:ly)?\b|\bat once\b|\binmediat[ao]\b|\binmediatamente\b|\bde inmediato\b")


def _number_words(n: int) -> set[str]:
    words = {_SPANISH_DAYS[n]} if n in _SPANISH_DAYS else set()
    if n < 20:
        return words | {_UNITS[n]}
    if n < 100:
        tens, unit = divmod(n, 10)
        return words | ({_TENS[tens]} if unit == 0 else {f"{_TENS[tens]} {_UNITS[unit]}"})
    return words


def _zip_states(text: str) -> set[str]:
    prefixes = {m[:3] for m in _ZIP.findall(text)}
    states = set()
    for entry in _ZIP_RANGES.split():
        code, ranges = entry.split(":")
        for span in ranges.split(","):
            low, _, high = span.partition("-")
            if any(low <= p <= (high or low) for p in prefixes):
                states.add(code)
    return states


def state_supported(state: str, text: str) -> bool:
    """Whether the text itself points at `state`: its name, its code in an address, a statute, a ZIP."""
    name = _STATES.get(state)
    if name is None:
        return False
    if f" {name.replace('_', ' ')} " in _words(text):
        return True
    if re.search(rf"\b{state}\.?,?\s+\d{{5}}\b|,\s*{state}\s*$", text, re.MULTILINE):
        return True
    statute = _STATUTES.get(state)
    if statute and re.search(statute, text, re.IGNORECASE):
        return True
    return state in _zip_states(text)


class _Checker:
    """Collects misses for one facts dict; confidence drops once per miss."""

    def __init__(self, facts: dict, text: str) -> None:
        self.facts = copy.deepcopy(facts)
        self.text = text
        self.words = _words(text)
        self.issues: list[dict] = []
        self.factor = 1.0

    def miss(self, field: str, kind: str, what: str = "value") -> None:
        self.factor *= PENALTY[kind]
        message = f"{field}: the extracted {what} was not found in the notice text"
        self.issues.append({"code": ISSUE_CODE, "severity": "warning", "field": field, "message": message})

    def amounts(self) -> None:
        present = _amounts_in(self.text)
        charges = [c.get("amount") for c in self.facts.get("charges") or []]
        if charges and all(a is not None and round(float(a), 2) in present for a in charges):
            # A total the notice does not print is still backed by the charges it does.
            present = present | {round(sum(float(a) for a in charges), 2)}
        values = [(f, self.facts.get(f)) for f in AMOUNT_FIELDS]
        values += [(f"charges[{i}].amount", amount) for i, amount in enumerate(charges)]
        for field, value in values:
            if value is not None and round(float(value), 2) not in present:
                self.miss(field, "amount", "amount")

    def dates(self) -> None:
        present = _dates_in(self.text)
        for field in DATE_FIELDS:
            value = self.facts.get(field)
            if value is None:
                continue
            try:
                parsed = dt.date.fromisoformat(value)
            except (TypeError, ValueError):
                parsed = None
            if parsed not in present:
                self.miss(field, "date", "date")

    def names(self) -> None:
        names = [(f"tenantNames[{i}]", n) for i, n in enumerate(self.facts.get("tenantNames") or [])]
        names.append(("landlordName", self.facts.get("landlordName")))
        for field, value in names:
            if value and _words(value).strip() and _words(value) not in self.words:
                self.miss(field, "name", "name")

    def notice_days(self) -> None:
        days = self.facts.get("noticeDays")
        if days is None:
            return
        spelled = {str(days)} | _number_words(int(days))
        if int(days) == 0 and _IMMEDIATE.search(self.words):
            return
        if not any(f" {form} " in self.words for form in spelled):
            self.miss("noticeDays", "noticeDays", "number of days")

    def state(self) -> None:
        state = self.facts.get("state")
        if state and not state_supported(str(state).upper(), self.text):
            self.miss("state", "state", "state")


def crosscheck(facts: dict, text: str) -> tuple[dict, list[dict]]:
    """Verify extracted values against `text`; return (adjusted copy of facts, issues)."""
    checker = _Checker(facts, text)
    for check in (checker.amounts, checker.dates, checker.names, checker.notice_days, checker.state):
        check()
    adjusted = checker.facts
    adjusted["confidence"] = round(max(0.0, min(1.0, float(adjusted.get("confidence", 0)) * checker.factor)), 4)
    return adjusted, checker.issues
