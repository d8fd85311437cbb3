"""Recognition of documents that are not eviction notices (notice-law.md §2.5): court
papers, renewal offers, rent increases, reminders, deposit statements, informational
letters. Runs on the lowercase copy (`flat`: line breaks read as spaces) and the title block.
"""

from __future__ import annotations

from dataclasses import dataclass

from batches.analysis.rules_match import cue

# Phrases that make a document an eviction/termination notice (title-strength).
_EVICTION_STRONG = (
    r"notice to (?:pay|quit|vacate|leave|cure|comply|perform|terminate|cease)|notice of (?:termination|"
    r"non-?renewal|immediate termination|material non-?compliance)|demand for (?:possession|rent)|"
    r"rent demand|pay (?:rent )?or (?:quit|vacate|deliver)|eviction notice|"
    r"aviso (?:de|para) (?:desalojo|desocupar|terminacion|\d+ dias|\w+ \(\d+\) dias)|terminate (?:your )?tenancy|"
    r"unconditional quit|terminacion (?:de|del) (?:su )?(?:arrendamiento|contrato)"
)
_EVICTION_LITERALS = ("notice", "demand", "pay", "aviso", "terminate", "unconditional quit", "terminacion")
_EVICTION_STRONG_TITLE = cue(_EVICTION_STRONG, literals=_EVICTION_LITERALS)
# "30-DAY NOTICE" alone is generic: a "30-day notice of rent increase" is no eviction notice.
_EVICTION_TITLE = cue(_EVICTION_STRONG + r"|\w+[- ]day notice", literals=_EVICTION_LITERALS)
# Whole words: "quite", "equity", "the tenant vacated" or "moved out" demand nothing, but the
# passive "the premises must be vacated by June 30" does.
_EVICTION_BODY = cue(
    r"\bquit\b|\bvacate\b|\bbe vacated\b|\bvacated (?:by|on or before|no later)|surrender possession|"
    r"deliver possession|deliver up possession|\bmove out\b|"
    r"leave the premises|desocupar|desalojo|entregar la posesion",
    literals=("quit", "vacate", "possession", "move out", "leave the premises", "desocupar", "desalojo", "posesion"),
)


@dataclass(frozen=True)
class DocumentKind:
    """The non-notice verdict: documentType, or None for an eviction notice."""

    document_type: str | None
    strength: float


_NON_NOTICE_LITERALS = {
    "court-summons": (
        "summons", "citation", "writ of", "petition", "complaint", "dispossessory", "citacion", "emplazamiento",
    ),
}  # fmt: skip
_NON_NOTICE_TITLES = (
    ("court-summons", r"\bsummons\b|\bcitation\b|writ of (?:possession|restitution)|notice of petition|"
     r"complaint (?:for|in) (?:unlawful detainer|eviction|forcible)|dispossessory (?:warrant|affidavit)|"
     r"(?:verified )?petition\b|citacion|emplazamiento"),
    ("renewal-offer", r"renewal (?:lease )?offer|offer to renew|lease renewal|renewal of (?:your )?lease|"
     r"oferta de renovacion"),
    ("rent-increase", r"rent increase|increase (?:in|of) (?:your )?rent|change in terms of tenancy|"
     r"aumento de (?:la )?renta"),
    ("move-out", r"move[- ]out (?:instructions|checklist|inspection|information)|thank you for (?:your|giving) "
     r"(?:us )?(?:your )?notice|notice of (?:your )?intent(?:ion)? to vacate"),
    ("deposit-statement", r"security deposit|statement of (?:damages|deductions|(?:security )?deposit)|deposit "
     r"(?:itemi[sz]ation|statement|accounting|refund|return|disposition)|itemi[sz]ed (?:statement|list) of "
     r"(?:damages|deductions)|deposito de (?:garantia|seguridad)|devolucion (?:del|de su) deposito"),
    # Informational papers: "CARES ACT DISCLOSURE", a notice of a new owner or manager, the
    # post-eviction notice of the right to reclaim abandoned property.
    ("disclosure", r"\bdisclosure\b|notice of (?:\w+'?s? ){0,2}rights\b|\bbulletin\b|\bnewsletter\b|"
     r"informational notice|aviso informativo|divulgacion"),
    ("ownership-change", r"change of (?:ownership|owner|management)|new (?:owner\w*|(?:property )?manage\w*)|"
     r"notice of transfer of (?:ownership|the property)|cambio de (?:propietario|dueno|administracion)"),
    ("abandoned-property", r"(?:right to )?reclaim (?:abandoned )?(?:personal )?property|"
     r"abandoned (?:personal )?property"),
    ("payment-plan", r"payment (?:plan|agreement|arrangement)|repayment (?:plan|agreement)|plan de pagos|"
     r"acuerdo de pago"),
    ("rent-reminder", r"reminder|late rent notice|notice of (?:late rent|non-?receipt of rent|"
                  r"rent not received)|"
     r"rent (?:is )?late|235-e|recordatorio"),
)  # fmt: skip
_NON_NOTICE_RES = tuple((kind, cue(p, _NON_NOTICE_LITERALS.get(kind))) for kind, p in _NON_NOTICE_TITLES)
_DISCLAIMER = cue(
    r"(?:this|the|it)(?: \w+){0,2} is not (?:a |an )?(?:notice to (?:vacate|quit|terminate)|eviction notice|"
    r"termination notice|notice of termination|demand for possession)|"
    r"does not (?:end|terminate) your (?:tenancy|lease)|no es un aviso (?:de|para) (?:desalojo|desocupar|terminacion)",
    literals=("is not", "does not", "no es un aviso"),
)
_COURT_BODY = cue(r"\bplaintiff\b|\bdefendant\b|\bcase (?:no|number)\b|\bdocket\b")
# A court caption opens the document ("IN THE MAGISTRATE COURT OF ... COUNTY"); a landlord's
# notice names a court only in its body ("will file in the County Court").
_COURT_CAPTION = cue(
    r"^\s*(?:in the )?(?:\w+ ){0,3}court (?:of|for|in)\b|^\s*(?:in the )?(?:superior|district|county|justice|"
    r"magistrate|municipal|housing|civil|circuit) court\b|^\s*(?:state|commonwealth) of \w+,? (?:county|city) of",
    literals=("court", "county of", "city of"),
)
_CAPTION_CHARS = 300
_FIRST_LINES = 3


def document_kind(head: str, low: str, flat: str | None = None) -> DocumentKind:
    """Decide whether the text is a non-notice; `head` is the title block, `low` the
    lowercase text and `flat` the same with line breaks read as spaces."""
    body = low.replace("\n", " ") if flat is None else flat
    head_kind = next((kind for kind, rx in _NON_NOTICE_RES if rx.search(head)), None)
    if head_kind == "court-summons" and _COURT_BODY.search(body):
        return DocumentKind("court-summons", 0.95)
    if _court_caption(low) and _COURT_BODY.search(body):
        return DocumentKind("court-summons", 0.9)
    if _DISCLAIMER.search(body):
        return DocumentKind(head_kind or _body_kind(body) or "other", 0.9)
    if head_kind and not _EVICTION_STRONG_TITLE.search(head):
        return DocumentKind(head_kind, 0.85)
    own = _without_future_notices(body) if _FUTURE_NOTICE.search(body) else body
    own = _NO_DEMAND_TO_LEAVE.regex.sub(" ", own) if _NO_DEMAND_TO_LEAVE.search(own) else own
    if not _EVICTION_TITLE.search(own) and not _EVICTION_BODY.search(own):
        return DocumentKind(_body_kind(body) or "other", 0.5)
    return DocumentKind(None, 0.0)


def _court_caption(body: str) -> bool:
    """A court caption in the document's first lines (a summons, complaint or petition)."""
    lines = [line for line in body[:_CAPTION_CHARS].splitlines() if line.strip()][:_FIRST_LINES]
    return any(_COURT_CAPTION.search(line) for line in lines)


# A future, conditional mention of a notice is not this document's demand: "If the balance
# is not paid, management may deliver a notice to vacate" (a rent reminder).
_FUTURE_NOTICE = cue(
    r"(?:may|will|can|could|might) (?:later |then )?(?:deliver|give|serve|send|issue|receive|get|be given|lead to|"
    r"result in) (?:to )?(?:you )?(?:a |an )?(?:final )?(?:\w+[- ]day )?(?:notice to (?:pay|quit|vacate|leave)|"
    r"eviction notice|notice of termination)|"
    # "If your landlord gives you a notice to vacate ...", "If you ever receive a notice to quit"
    r"\bif (?:you|your landlord|the landlord|the owner|management|we) (?:ever )?(?:receive|get|gives?|serves?|"
    r"sends?|delivers?) (?:you )?(?:a |an )?(?:\w+[- ]day )?(?:notice to (?:pay|quit|vacate|leave)|eviction notice|"
    r"notice of termination)",
    literals=("may ", "will ", "can ", "could ", "might ", "if "),
)


# A denied demand is none: "you do not need to vacate or move out", "no tiene que desocupar".
_NO_DEMAND_TO_LEAVE = cue(
    r"(?:do|does|will|need) not (?:need to |have to )?(?:vacate|move out|leave|quit)(?: (?:or|and) "
    r"(?:vacate|move out|leave|quit))?|(?:don'?t|no) need to (?:vacate|move out|leave)|are not required to "
    r"(?:vacate|move out|leave)|no (?:tiene|necesita) que (?:desocupar|mudarse)",
    literals=(
        "not need",
        "not have",
        "not vacate",
        "not move",
        "not leave",
        "not quit",
        "need to",
        "not required",
        "no tiene",
        "no necesita",
    ),
)


def _without_future_notices(body: str) -> str:
    for m in reversed(list(_FUTURE_NOTICE.finditer(body))):
        body = body[: m.start()] + body[m.end() :]
    return body


def _body_kind(body: str) -> str | None:
    return next((kind for kind, rx in _NON_NOTICE_RES if rx.search(body)), None)
