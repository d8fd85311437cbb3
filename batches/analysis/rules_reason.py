"""Reason classification (recognition of non-notices is in rules_kind).

Everything runs on the lowercase copy. The title (the "head" of the document, before
the parties block) is the strongest cue (notice-law.md §2.1), so head hits weigh more
than body hits.
"""

from __future__ import annotations

import re

from batches.analysis.rules_match import Cue, cue

HEAD_WEIGHT = 3.0
REASON_THRESHOLD = 2.0

# reason -> cue patterns. Body hits count 1 each; a head hit counts HEAD_WEIGHT.
_REASON_CUES: dict[str, tuple[str, ...]] = {
    "non-payment": (
        # The words between may hold an amount: "pay the rent of $850.00 or quit".
        r"pay(?:ing)? (?:the )?(?:full |total |entire |outstanding )?(?:rent|past due rent|amount|balance|sum|\$)"
        r"(?:[^.\n]|\.\d){0,40}\bor\b",
        # "unless the full $1,340.00 is paid", "the rent for June has not been received", "rent of $900.00 unpaid"
        (
            r"unless (?:the )?(?:full |total )?(?:\$[\d,.]+|rent|amount|balance)(?: [\w$,.]+){0,4} is paid|"
            # a text message drops the apostrophe: "rent still hasnt been paid"
            r"(?:rent|payment)(?: [\w$,.]+){0,5} (?:(?:has|have) not|hasn'?t|haven'?t) been (?:received|paid)|"
            r"rent (?:owing|owed)\b|rent of \$[\d,.]+ (?:is )?unpaid",
            ("unless", "not been", "hasnt", "hasn't", "havent", "haven't", "rent owing", "rent owed", "unpaid"),
        ),
        r"pay or (?:quit|vacate)",
        # an untitled letter: "I have not received May's rent", "please pay the $900.00 within three (3)
        # days, that is no later than Tuesday, May 6, or move out"
        (
            r"ha(?:ve|s) not (?:yet )?received (?:[\w-]+'s )?(?:the |your |this month'?s )?(?:rent|payment)",
            ("not received", "not yet received"),
        ),
        (
            r"pay(?:ing)? (?:the )?(?:full |total |entire |outstanding )?(?:rent|amount|balance|sum|\$)"
            r"(?:[^.]|\.\d){0,120}\bor (?:move out|vacate|quit|leave the (?:premises|unit|apartment|property|house)|"
            r"surrender|deliver (?:up )?(?:possession|the premises))",
            ("pay",),
        ),
        r"rent demand|demand for rent|demand for payment",
        r"non-?payment|unpaid (?:\w+ ){0,2}rent|unpaid\)|not paid (?:the )?rent|failure to pay|failed to pay|"
        r"fail to pay",
        r"justly indebted|now due the landlord|you owe|rent (?:is )?(?:now )?(?:past due|overdue|delinquent)",
        r"landlord'?s five[ -]day notice|five[ -]day notice",
        r"indebted|demand payment|payment of (?:the |said |your )?rent|rent or possession|amount (?:owed|owing)|"
        r"rent (?:has|have) not been paid|past[- ]due rent",
        # Literals given: "(?:usted|le) debe" hides them from cue(), and without any every
        # English notice was scanned in full.
        (
            r"pagar la renta|pagar o desocupar|no ha pagado|renta vencida|falta de pago|renta atrasada|"
            r"debe la cantidad|(?:usted|le) debe (?:al (?:arrendador|propietario|dueno) )?(?:\$|la suma|la renta)|"
            r"renta (?:no )?pagada|no pago la renta|"
            r"demanda de (?:pago de )?(?:la )?renta|usted adeuda|adeuda (?:al arrendador )?(?:la )?renta|"
            r"exige (?:el )?pag(?:ar|o)",
            ("pagar", "pagado", "de pago", "renta ", "debe", "la renta", "demanda de", "adeuda", "exige"),
        ),
        # "saldo de renta adeudado", "solo el pago total de la renta exigida en este aviso"
        (r"\brenta (?:adeudad[oa]|exigida|debida)\b", ("renta adeud", "renta exig", "renta debid")),
    ),
    "lease-violation": (
        r"perform (?:the )?covenants?|comply or vacate|notice to cure|notice to remedy|notice to cease",
        r"breach(?:es|ed)? (?:of )?(?:your |the )?(?:lease|rental agreement)|broken the following term|"
        r"comply with (?:your |the )?(?:lease|rental agreement) or vacate",
        r"violat\w* (?:of )?(?:your |the |paragraph |section |term )?(?:lease|rental agreement|rules)",
        r"violat\w* (?:of )?(?:paragraph|section|clause|article|term) [^.\n]{0,40}\b(?:of|in|under) (?:your |the )?"
        r"(?:lease|rental agreement)",
        r"material non-?compliance|unauthori[sz]ed (?:occupant|pet|sublet)",
        (
            r"(?:living|kept|keeping)[^.]{0,60}without the landlord'?s (?:written )?(?:approval|consent)",
            ("without the landlord",),
        ),
        r"incumplimiento|violacion del contrato|violacion de su contrato|cumplir o desocupar|"
        r"violad[oa] (?:su |el |las? |los )|violo (?:su |el |las? |los )",
        # "mantiene dos perros en la unidad sin autorizacion por escrito"
        (
            r"(?:mascotas?|perros?|gatos?|animal(?:es)?|ocupantes?|subarrend\w*)[^.]{0,60}\bsin (?:la |su )?"
            r"autorizacion",
            ("autorizacion",),
        ),
        # "you are not complying with your rental agreement", "remedy the noncompliance"
        (
            r"not (?:complying|in compliance) with (?:your |the )?(?:lease|rental agreement)|(?:remedy|cure|correct) "
            r"(?:the|these|this|those|such|all|each) (?:non-?compliance|violations?|breach(?:es)?)|"
            r"non-?compliance with (?:your |the )?(?:lease|rental agreement)",
            ("complying", "compliance", "remedy ", "cure ", "correct "),
        ),
    ),
    "holdover": (
        (
            r"(?:lease|term|rental agreement)[^.]{0,30} (?:will )?(?:expire[sd]?|ended|ends|has ended)|"
            r"expiration of (?:your |the )?(?:lease|term)",
            ("expir", "ended", "ends"),
        ),
        # "Summary holdover proceedings" (NY) is the court action for any termination, not a ground.
        r"non-?renewal|will not (?:be )?renew|not to renew|not renewed|has not renewed|holding over|"
        r"not (?:to )?offer (?:you )?(?:a )?(?:renewal|new lease)|declin\w* to renew|"
        r"holdover(?! (?:proceeding|petition|action|case|summary))|"
        r"end of (?:your |the )?(?:lease )?term",
        # "Su contrato de arrendamiento vencio el 31 de mayo y el arrendador no lo renovara"
        (
            r"(?:contrato|arrendamiento|plazo)[^.]{0,30} (?:vencio|ha vencido|vence|expiro|ha expirado|termino)\b|"
            r"no (?:lo |la |se )?(?:renovara|sera renovad[oa]|ha renovado|se renueva)",
            ("vencio", "vencido", "vence", "expir", "termino", "renov"),
        ),
    ),
    "nuisance": (
        r"\bnuisance|disturb\w*|disorderly|excessive noise|loud (?:music|parties)|harass\w*|threaten\w*",
        r"\bwaste\b|damage to the premises|damaged the premises",
        # the conduct itself: "shouting threats at neighbours", "police were called"
        (r"\bshout\w*|\bthreats?\b|\bscream\w*", ("shout", "threat", "scream")),
        (
            r"police (?:were|was|have been|had to be) called|complaints? from (?:your )?neighbou?rs|"
            r"neighbou?rs have (?:signed|filed|made)",
            ("police", "complaint", "neighbo"),
        ),
        (
            # whole words: "construido" holds "ruido"
            r"\bruidos?\b|\bmolestias?\b|conducta desordenada|perturba\w*|alter\w* (?:el orden|la paz)|\bescandalos?\b|"
            r"\bgritos\b|\bpeleas\b|"
            r"(?:musica|volumen) (?:a |muy )?(?:alto|todo volumen)|a (?:alto|todo) volumen",
            ("ruido", "molestia", "conducta desordenada", "perturba", "alter", "escandalo", "gritos", "peleas",
             "musica", "volumen"),
        ),  # fmt: skip
    ),
    "illegal-activity": (
        # the ground named, then the contraband or act itself: a title "unlawful activity / nuisance"
        # names both grounds, and what the body says was done decides
        r"illegal|unlawful (?:use|purpose|activity|business)|criminal activity|actividad ilegal",
        r"\bdrugs?\b|narcotic|controlled substance|firearm|weapon|drogas|sustancias? controladas?",
    ),
    "owner-move-in": (
        r"owner (?:/ )?(?:or )?(?:family member )?move-in|owner move in|move-in by (?:the )?owner",
        r"personal(?:ly)? occup|owner occupancy|owner'?s own (?:home|residence|use)",
        (
            r"family member will occupy|intended occupant|(?:owner|landlord) intends to (?:occupy|live|move)|"
            r"\bi (?:intend|plan|wish|want|need) to (?:move (?:back )?in|occupy|live in|reside in|use it as my)",
            ("family member will occupy", "intended occupant", "intends to", "i intend", "i plan", "i wish",
             "i want", "i need"),
        ),
        r"el propietario (?:va a|desea) (?:vivir|ocupar)",
        # "la propietaria ... tiene la intencion de ocupar la unidad como su residencia principal"
        (
            r"(?:propietari[oa]|duen[oa]|arrendador)\b[^.]{0,60}?\b(?:ocupara|vivira|va a ocupar|desea ocupar|"
            r"tiene la intencion de (?:ocupar|vivir))",
            ("propietari", "duen", "arrendador"),
        ),
        (
            r"ocupar (?:la|el) (?:unidad|vivienda|casa|apartamento|departamento) como su residencia (?:principal|"
            r"primaria)",
            ("ocupar",),
        ),
        # "NOTICE OF TERMINATION - OWNER'S FAMILY MEMBER TO OCCUPY"
        (
            r"(?:owner|landlord)'?s?\s+(?:immediate\s+)?family\s+member\s+(?:to|will|may|is going to)\s+"
            r"(?:occupy|move in|live)",
            ("family",),
        ),
        # "the owner ... intends to move into the home himself and occupy it as his principal residence"
        [
            r"occupy (?:it|the (?:home|unit|house|apartment|premises|property)) as (?:his|her|their|my|our) "
            r"(?:own )?(?:principal|primary) (?:residence|home)",
            r"move into the (?:home|unit|house|apartment|premises|property) (?:himself|herself|themselves|myself|"
            r"ourselves)",
        ],
        # "the owner's daughter will move into the unit"
        (
            r"(?:owner|landlord)'?s? (?:\w+ )?(?:daughter|son|mother|father|parents?|child|children|spouse|wife|"
            r"husband|relative|family) (?:will|is going to|plans to|intends to|is moving to) (?:move in|occupy|live)",
            ("owner", "landlord"),
        ),
    ),
    "demolition": (
        r"demoli\w+|substantial(?:ly)? (?:remodel|rehab\w*|renovat\w*)|tear down|gut renovation",
    ),
    "withdrawal-from-market": (
        r"withdraw\w* (?:the )?(?:unit|units|property|building|premises)?\s?from (?:the )?rental market",
        r"ellis act|remov\w+ (?:the )?(?:unit|property) from (?:the )?rental (?:market|use)",
        r"no longer (?:offer|rent)\w* (?:the )?(?:unit|property|units) (?:for rent|as a rental)",
    ),
    "sale": (
        r"\bsale of (?:the )?(?:property|premises|building|home|house|unit)|has been sold|is being sold",
        (
            r"(?:contract|agreement) (?:to sell|of sale)|\bpurchaser\b|\bbuyer\b|to sell the",
            ("to sell", "of sale", "purchaser", "buyer"),
        ),
    ),
    "no-cause": (
        (
            r"no reason is (?:required|given)|without (?:stating )?(?:a )?cause|no[- ]cause|no fault of your own",
            ("no reason", "without", "no-cause", "no cause", "no fault"),
        ),
        (r"(?:month[- ]to[- ]month|periodic|at[- ]will) tenancy[^.]{0,80}(?:terminat|end)|terminat\w* (?:of )?"
         r"(?:your |the |this )?(?:month[- ]to[- ]month|periodic|at[- ]will|week[- ]to[- ]week) tenancy",
         ("tenancy",)),
        r"mes a mes[^.]{0,60}termina",
        # "aviso de terminacion de contrato mes a mes", "terminar su arrendamiento mes por mes"
        (r"termin\w* (?:de |del |el |su )?(?:contrato|arrendamiento) (?:de )?mes (?:a|por) mes",
         ("mes a mes", "mes por mes")),
        r"terminat\w* your (?:month-to-month |periodic )?tenancy at will|tenant at will|"
        r"tenancy at[- ]will\b[^.]{0,80}\bterminat",
        # "not to continue the month-to-month arrangement", "I am ending the month-to-month tenancy"
        [
            (
                r"(?:not|no longer)(?: to| wish to| want to)? (?:continu|renew|extend)\w* (?:the |your |this )?"
                r"(?:month[- ]to[- ]month|periodic|at[- ]will|week[- ]to[- ]week)",
                ("not", "no longer"),
            ),
            r"end(?:s|ing)? (?:the |your |this )?(?:month[- ]to[- ]month|periodic|week[- ]to[- ]week) "
            r"(?:tenancy|rental|arrangement|agreement|lease)",
        ],
    ),
}  # fmt: skip


class _AnyOf:
    """Several cues that count as one: one alternation would start with a group and scan every
    position, each part alone starts with a literal and is searched fast."""

    __slots__ = ("cues",)

    def __init__(self, cues: tuple[Cue, ...]) -> None:
        self.cues = cues

    def search(self, text: str) -> re.Match | None:
        found = [m for m in (c.search(text) for c in self.cues) if m]
        return min(found, key=lambda m: m.start()) if found else None

    def found_in(self, text: str) -> bool:
        """Whether any part matches: stops at the first, for a caller that needs no position."""
        return any(c.search(text) for c in self.cues)


def _compile(spec: str | tuple | list) -> Cue | _AnyOf:
    if isinstance(spec, list):
        return _AnyOf(tuple(_compile(part) for part in spec))
    return cue(spec) if isinstance(spec, str) else cue(*spec)


# A cue is a pattern, (pattern, literals) when the pattern does not start with a literal, or a
# list of those that count as one cue.
_REASON_RES = {reason: tuple(_compile(p) for p in patterns) for reason, patterns in _REASON_CUES.items()}
# The same cues as yes/no tests for reason_scores (a match object is always true).
_REASON_TESTS = {
    reason: tuple(rx.found_in if isinstance(rx, _AnyOf) else rx.search for rx in cues)
    for reason, cues in _REASON_RES.items()
}

_INCURABLE = cue(
    r"without (?:an? )?(?:opportunity|right) to cure|no (?:opportunity|right) to cure|unconditional|incurable|"
    r"sin (?:oportunidad|derecho) (?:de|a) (?:corregir|remediar)",
    literals=("without", "no opportunity", "no right", "unconditional", "incurable", "sin oportunidad", "sin derecho"),
)
_CONDUCT_REASONS = ("nuisance", "illegal-activity")

# Negated mentions that must not count as cues ("not a demand for any past-due rent").
_NEGATED = cue(
    r"not a demand|none is claimed|is not claimed|(?:does|do|will) not (?:demand|claim|seek)|"
    r"no (?:money|rent|payment) is (?:demanded|claimed|owed|due)|no exige el pago|no se exige|no (?:se )?reclama|"
    # "this notice is not given for non-payment of rent", "it is not for non-payment of rent"
    r"not (?:given |served |issued |sent )?(?:for|because of|due to|based on) (?:the |any )?"
    r"(?:non-?payment|unpaid rent|failure to pay)|"
    # "no es por falta de pago, usted siempre ha pagado bien"
    r"no es (?:por|debido a|a causa de) (?:la )?(?:falta de pago|renta|pago)",
    literals=(
        "no es por",
        "no es debido",
        "no es a causa",
        "not a demand",
        "none is claimed",
        "is not claimed",
        "not demand",
        "no money",
        "no rent",
        "no payment",
        "no exige",
        "no se exige",
        "not claim",
        "not seek",
        "reclama",
        "not given",
        "not served",
        "not issued",
        "not sent",
        "not for",
        "not because",
        "not due to",
        "not based",
    ),
)


def _without_negated_sentences(flat: str, low: str) -> str:
    """`flat` without the sentences that negate a demand. The negation is found in `flat`
    (it may wrap: "does\nnot demand"); its sentence ends at a period or at a line break
    of `low` (a title line has no period), outside the match."""
    # Found by keyword, then widened to its sentence: a "[^.]*keyword[^.]*" regex would
    # rescan every line from every position.
    text = flat
    for m in reversed(list(_NEGATED.finditer(flat))):
        start = max(low.rfind(".", 0, m.start()), low.rfind("\n", 0, m.start())) + 1
        ends = [i for i in (low.find(".", m.end()), low.find("\n", m.end())) if i != -1]
        end = min(ends) if ends else len(low)
        text = text[:start] + " " * (end - start) + text[end:]  # blanked: offsets stay valid
    return text


def first_cue_position(reason: str, flat: str) -> int:
    """Where the body first names `reason` (len(flat) when it does not): a tie between two
    grounds goes to the one the notice lists first."""
    starts = [m.start() for m in (rx.search(flat) for rx in _REASON_RES.get(reason, ())) if m]
    return min(starts, default=len(flat))


def reason_scores(head: str, body: str, flat: str) -> dict[str, float]:
    """Score every reason: each cue pattern that matches adds 1 (HEAD_WEIGHT in the head).
    `body` is the lowercase text, `flat` the same with line breaks read as spaces."""
    body = _without_negated_sentences(flat, body)
    scores: dict[str, float] = {}
    for reason, tests in _REASON_TESTS.items():
        score = 0.0
        for found in tests:
            if found(head):
                score += HEAD_WEIGHT
            elif found(body):
                score += 1.0
        if score:
            scores[reason] = score
    if _INCURABLE.search(head):
        # "Without opportunity to cure": the notice ends the tenancy for the conduct itself,
        # so the conduct named is the reason, not the lease clause it also breaks.
        for reason in _CONDUCT_REASONS:
            if reason in scores:
                scores[reason] += HEAD_WEIGHT
    return scores
