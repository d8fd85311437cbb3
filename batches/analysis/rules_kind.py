"""Recognition of documents that are not eviction notices (notice-law.md §2.5): court
papers, renewal offers, rent increases, reminders, deposit statements, informational
letters, agreements, offers, the tenant's own notices. Runs on the lowercase copy (`flat`:
line breaks read as spaces) and the title block.

A paper is a notice only on evidence that it makes its own demand to leave (rules_demand),
weighed against evidence that it is some other paper; a cue per kind of letter only names
the documentType.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from batches.analysis.rules_demand import demands, is_own
from batches.analysis.rules_match import cue
from batches.analysis.rules_structure import MIN_STRUCTURE, cure_notice, notice_structure
from batches.analysis.rules_terms import SERVICE_SECTION

# Phrases that make a document an eviction/termination notice (title-strength).
_EVICTION_STRONG = (
    r"notice to (?:pay|quit|vacate|leave|cure|comply|perform|terminate|cease)|notice of (?:termination|"
    r"non-?renewal|immediate termination|material non-?compliance)|demand for (?:possession|rent)|"
    r"rent demand|pay (?:rent )?or (?:quit|vacate|deliver)|eviction notice|demanda de (?:pago de )?(?:la )?renta|"
    r"aviso (?:de|para) (?:desalojo|desocupar|terminacion|\d+ dias|\w+ \(\d+\) dias)|terminate (?:your )?tenancy|"
    r"unconditional quit|terminacion (?:de|del) (?:su )?(?:arrendamiento|contrato)"
)
_EVICTION_LITERALS = ("notice", "demand", "pay", "aviso", "terminate", "unconditional quit", "terminacion")
_EVICTION_STRONG_TITLE = cue(_EVICTION_STRONG, literals=_EVICTION_LITERALS)
# "30-DAY NOTICE" alone is generic: a "30-day notice of rent increase" is no eviction notice.
_EVICTION_TITLE = cue(_EVICTION_STRONG + r"|\w+[- ]day notice", literals=_EVICTION_LITERALS)
# The body names itself: "this notice to quit", "this 3-day notice to pay rent or quit".
_SELF_TITLE = cue(
    r"\b(?:this|the within|the present|this is (?:your|a|an|the|our)|this (?:letter|e-?mail|message),? (?:as )?"
    r"(?:your|a|formal)) (?:[\w()-]+[- ]day )?"
    r"(?:notice to (?:pay|quit|vacate|leave|cure|comply|perform|"
    r"terminate)|eviction notice|notice of (?:termination|non-?renewal)|termination notice)|\b(?:este|el presente) "
    r"aviso (?:de|para) (?:desalojo|desocupar|terminacion)",
    literals=("notice to", "eviction notice", "notice of", "termination notice", "aviso de", "aviso para"),
)


@dataclass(frozen=True)
class DocumentKind:
    """The non-notice verdict: documentType, or None for an eviction notice."""

    document_type: str | None
    strength: float
    demand_spans: tuple[tuple[int, int], ...] = ()  # the demand sentences of a notice
    tentative: bool = False  # a notice by its structure only: no demand form was recognised


_NON_NOTICE_LITERALS = {
    "court-summons": (
        "summons", "citation", "writ of", "petition", "complaint", "dispossessory", "citacion", "emplazamiento",
    ),
    "abandoned-property": ("reclaim", "abandoned"),
    "mutual-termination": ("mutual", "agreement", "acuerdo"),
    "offer": ("cash for keys", "offer", "oferta"),
    "account-statement": ("invoice", "statement", "ledger", "estado de cuenta"),
    "entry-notice": ("enter", "entry", "inspection", "notice of", "aviso de"),
    "tenant-notice": ("tenant", "resident", "notice from", "notice by", "notice of", "aviso del inquilino"),
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
     r"(?:us )?(?:your )?notice|notice of (?:your )?intent(?:ion)? to vacate|instrucciones (?:para|de) (?:la )?"
     r"mudanza|gracias por (?:su aviso|avisarnos|informarnos)"),
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
    ("mutual-termination", r"mutual (?:termination|agreement|release)|agreement to (?:terminate|end|vacate|move)|"
     r"(?:termination|surrender|move[- ]out|settlement) agreement|acuerdo (?:mutuo|de terminacion|para terminar)"),
    ("offer", r"cash for keys|(?:relocation|buy-?out|move[- ]out|voluntary move[- ]out) offer|offer to (?:end|"
     r"terminate|buy out)|oferta (?:de|para) (?:mudanza|reubicacion|terminacion)"),
    ("tenant-notice", r"tenant'?s (?:\w+[- ]day )?notice|resident'?s (?:\w+[- ]day )?notice|notice (?:from|by) "
     r"(?:the )?(?:tenant|resident)|notice of (?:my|our) intent|aviso del inquilino"),
    ("acknowledgment", r"acknowledg\w* (?:of )?(?:receipt|service)|receipt of notice|acuse de recibo del aviso"),
    ("account-statement", r"\binvoice\b|statement of account|account statement|(?:tenant|resident|rent) ledger|"
     r"^statement\b|\b(?:rent|monthly|account) statement\b|statement - |"
     r"\bledger\b|estado de cuenta"),
    ("entry-notice", r"notice of (?:intent(?:ion)? to )?enter|(?:entry|inspection) notice|notice of (?:entry|"
     r"inspection|maintenance|repairs?|pest|construction|water|utility)|aviso de (?:entrada|inspeccion)"),
    ("warning", r"\bwarning\b|courtesy (?:notice|letter)|aviso de cortesia|\badvertencia\b"),
    ("rent-reminder", r"reminder|late rent notice|notice of (?:late rent|non-?receipt of rent|"
                  r"rent not received)|"
     r"rent (?:is )?late|235-e|recordatorio"),
)  # fmt: skip
_NON_NOTICE_RES = tuple((kind, cue(p, _NON_NOTICE_LITERALS.get(kind))) for kind, p in _NON_NOTICE_TITLES)
_DISCLAIMER = cue(
    r"(?:this|the|it)(?: \w+){0,2} is not (?:a |an )?(?:notice to (?:vacate|quit|terminate)|eviction notice|"
    r"termination notice|notice of termination|demand for possession)|"
    r"no es un aviso (?:de|para) (?:desalojo|desocupar|terminacion)",
    literals=("is not", "no es un aviso"),
)
# "This notice does not terminate your tenancy" is what a notice to cure says too (the tenancy
# goes on if the breach is cured): decisive only for a paper that is no notice to cure (rules_structure).
_NO_TERMINATION = cue(r"does not (?:end|terminate) your (?:tenancy|lease)", literals=("does not",))
_COURT_BODY = cue(r"\bplaintiff\b|\bdefendant\b|\bcase (?:no|number)\b|\bdocket\b")
# A court caption opens the document ("IN THE MAGISTRATE COURT OF ... COUNTY"); a landlord's
# notice names a court only in its body ("will file in the County Court").
_COURT_CAPTION = cue(
    r"^\s*(?:in the )?(?:\w+ ){0,3}court (?:of|for|in)\b|^\s*(?:in the )?(?:superior|district|county|justice|"
    r"magistrate|municipal|housing|civil|circuit) court\b|^\s*(?:state|commonwealth) of \w+,? (?:county|city) of",
    literals=("court", "county of", "city of"),
)
# Evidence of some other paper in the body: (documentType, cue, points).
_OTHER_PAPER = (
    ("mutual-termination", cue(
        r"\bmutual(?:ly)?\b|\bboth parties\b|\bthe parties (?:\w+ )?agree\b|"
        r"\b(?:landlord|owner|lessor|management) and (?:the )?(?:tenants?|residents?|lessees?) (?:\w+ )?agree\b|"
        r"\b(?:tenants?|residents?|lessees?) (?:\w+ )?agrees? (?:to|that)\b|\bwe (?:both )?agree\b|\bacuerdo mutuo|"
        r"\bambas partes|\blas partes (?:\w+ )?acuerdan|"
        r"\bel inquilino (?:acepta|se compromete)",
        literals=("mutual", "both parties", "agree ", "agree,", "agree.", "agrees", "acuerdo mutuo", "ambas partes",
                  "acuerdan", "el inquilino acepta", "el inquilino se compromete"),
    ), 3),
    ("offer", cue(
        r"\bif you (?:\w+ )?(?:accept|agree)\b|\b(?:we|landlord|owner|management|i) (?:are|is|am) (?:pleased |willing "
        r"|happy |prepared )?(?:to )?offer|\boffer(?:ing)? (?:you|to pay you)\b|"
        r"\bin exchange for (?:you|moving|vacating|signing|the keys)|\bcash for keys\b|"
        r"\bthis offer\b|\boffer (?:expires|is valid|remains open)|\bsi (?:usted )?(?:acepta|esta de acuerdo)|"
        r"\ble ofrecemos\b",
        literals=("accept", "agree", "offer", "in exchange", "cash for keys", "acepta", "de acuerdo", "le ofrecemos"),
    ), 3),
    ("tenant-notice", cue(
        r"\b(?:i|we) (?:am |are )?(?:hereby )?(?:giving|give|provide|providing|submit\w*) (?:you )?(?:my |our |this )?"
        r"(?:[\w-]+[- ]day )?(?:written )?notice (?:of (?:my|our) intent|that (?:i|we) (?:will|intend|plan))|"
        r"\b(?:i|we) (?:will|shall|intend to|plan to|am going to|are going to|would like to) (?:be )?"
        r"(?:vacat\w*|mov\w* out|leav\w* the|surrender\w*)|\bmy (?:last|final) day\b|"
        r"\bmy (?:security )?deposit\b|\bmy forwarding address\b",
        literals=(
            "giving", "give", "provid", "submit", "will be", "will vacat", "will mov", "will leav", "will surrender",
            "shall", "intend to", "plan to", "going to", "would like to", "my last", "my final", "my security",
            "my deposit", "my forwarding",
        ),
    ), 3),
    ("disclosure", cue(
        r"for (?:your )?information(?:al)? (?:purposes )?only|\bthis (?:letter|notice|bulletin|flyer|page) "
        r"(?:is|explains|describes) (?:for your information|to (?:inform|remind) you (?:of|about) "
        r"(?:your|the|our|new|upcoming))|"
        r"\bknow your rights\b|\byour rights as a (?:tenant|renter)\b|\bno action is (?:required|needed)\b|"
        r"\bsolo (?:para|con fines) informativ|\bno se requiere ninguna accion\b",
        literals=("information", "to inform you", "to remind you", "know your", "your rights as", "no action", "solo ",
                  "no se requiere"),
    ), 2),
    ("account-statement", cue(
        r"\binvoice\b|\bstatement of account\b|\baccount statement\b|\bestado de cuenta\b",
        literals=("invoice", "statement", "estado de cuenta"),
    ), 2),
    ("account-statement", cue(r"\bledger\b|\bbalance forward\b"), 1),
    # A renewal: "to renew for another year, sign and return the enclosed renewal".
    ("renewal-offer", cue(
        r"(?<!not )\bto renew\b|\brenewal (?:lease|offer|agreement|form|terms)\b|\benclosed (?:renewal|new lease)\b|"
        r"\bsign (?:and return )?(?:the |your )?(?:enclosed )?(?:renewal|new lease)\b|\bpara renovar\b",
        literals=("renew", "new lease"),
    ), 3),
    # A letter addressed to the owner or manager is the tenant's: "To: Owner ...", "Dear Landlord".
    ("tenant-notice", cue(
        r"(?m)^\s*(?:to|para|dear|estimad[oa]):? (?:the )?(?:owner|landlord|property manager|manager|management|"
        r"propietario|arrendador)\b",
        literals=("to", "para", "dear", "estimad"),
    ), 3),
)  # fmt: skip
# The writer names the landlord as a third party they rent from ("our landlord", "I'm the one on the
# lease with the landlord", "my roommate"): a co-tenant, whose demand on a housemate is no landlord's
# notice. Unless the paper is about a sublease: a sublessor is the subtenant's landlord.
_CO_TENANT_AUTHOR = cue(
    r"\b(?:my|our) (?:landlord|landlady)\b|\b(?:i'm|i am|we're|we are) (?:[\w-]+ ){0,3}?on the lease\b|"
    r"\bon the lease with (?:the |my |our )?(?:landlord|owner)\b|\b(?:my|our) (?:room-?mate|housemate|flatmate)s?\b|"
    r"\bmi (?:casero|arrendador|propietario)\b|\bmi companer[oa] de (?:cuarto|piso|casa)\b",
    # every match holds one of these; "my "/"our " alone would let the scan run on nearly every paper
    literals=("my landl", "our landl", "on the lease", "roommate", "room-mate", "housemate", "flatmate",
              "mi casero", "mi arrendador", "mi propietario", "mi companer"),
)  # fmt: skip
# Which text each cue reads, decided once: a line-anchored cue reads `low`, the others `flat`.
_OTHER_PAPER_LINES = tuple((name, rx, points, rx.pattern.startswith("(?m)")) for name, rx, points in _OTHER_PAPER)
_SUBLEASE = cue(r"\bsub-?(?:lease|let|tenan\w*|lessee|lessor|landlord)", literals=("sub",))
_CO_TENANT_POINTS = 5  # as much as a non-notice title: the writer is not the landlord

_CAPTION_CHARS = 300
_FIRST_LINES = 3


def document_kind(head: str, low: str, flat: str) -> DocumentKind:
    """Decide whether the text is a non-notice; `head` is the title block, `low` the
    lowercase text and `flat` the same with line breaks read as spaces.

    Court papers and disclaimers settle it; otherwise the evidence that the paper makes its
    own demand to leave (title, demand sentences, a deadline attached, a proof of service)
    is weighed against the evidence that it is some other paper (its title, an agreement,
    an offer, the tenant as author, informational wording)."""
    head_kind = next((kind for kind, rx in _NON_NOTICE_RES if rx.search(head)), None)
    if head_kind == "court-summons" and _COURT_BODY.search(flat):
        return DocumentKind("court-summons", 0.95)
    if _court_caption(low) and _COURT_BODY.search(flat):
        return DocumentKind("court-summons", 0.9)
    if _DISCLAIMER.search(flat) or (_NO_TERMINATION.search(flat) and not cure_notice(head, flat)):
        return DocumentKind(head_kind or _body_kind(flat) or "other", 0.9)
    strong_title = any(_own_title(head, flat, m) for m in _EVICTION_STRONG_TITLE.finditer(head))
    against, other_kind = _other_paper_evidence(flat, low, head_kind, strong_title)
    found = demands(flat)
    evidence = _notice_evidence(head, low, flat, strong_title, head_kind, found)
    if evidence > against:
        return DocumentKind(None, 0.0, tuple((d.sentence_start, d.sentence_end) for d in found))
    if not evidence and not against and notice_structure(low, flat) >= MIN_STRUCTURE:
        # A missed real notice tells a tenant there is nothing to worry about: a paper built like a
        # notice (a cure order, an "or else", a period counted from service, a proof of service) with
        # nothing saying it is another paper leans to "notice", with a low confidence.
        return DocumentKind(None, 0.0, tentative=True)
    kind = head_kind or other_kind or _body_kind(flat) or "other"
    return DocumentKind(kind, 0.85 if against >= _DECISIVE else 0.5)


def _own_title(head: str, body: str, m: re.Match) -> bool:
    """A title phrase said by this paper: own in the title block and, when the title block is
    really a wrapped sentence of the body, own there too ("... serve you the 3 day notice and
    then you will have to pay or vacate")."""
    if not is_own(head, m.start(), m.end()):
        return False
    at = body.find(m.group())
    return at == -1 or is_own(body, at, at + len(m.group()))


_DECISIVE = 3
_MIN_NOTICE = 3  # a title, or one demand sentence directed at the recipient


def _notice_evidence(head: str, low: str, body: str, strong_title: bool, head_kind: str | None, found: list) -> int:
    """Points for a paper that makes its own demand: 0 when below the minimum."""
    score = 3 if strong_title else 0
    if not strong_title and not head_kind and _EVICTION_TITLE.search(head):
        score += 1  # "30-DAY NOTICE" alone: generic, a rent increase uses it too
    if _SELF_TITLE.search(body):
        score += 2  # "this notice to quit", "este aviso de desalojo"
    strong = [d for d in found if not d.weak]
    if strong:
        score += 3 if any(d.directed for d in strong) else 2
        score += min(len(strong) - 1, 2)
    elif found:
        score += 1  # only an end date ("your lease ends on May 31")
    if found:
        score += any(d.deadline for d in found)
    if score and SERVICE_SECTION.search(low):
        score += 1
    return score if score >= _MIN_NOTICE else 0


def _other_paper_evidence(body: str, low: str, head_kind: str | None, strong_title: bool) -> tuple[int, str | None]:
    """Points (and a documentType) for some other paper; line-anchored cues read `low`."""
    score = (1 if strong_title else 5) if head_kind else 0
    kind = None
    for name, rx, points, by_line in _OTHER_PAPER_LINES:
        text = low if by_line else body
        if any(not _NEGATED_BEFORE.search(text, max(0, m.start() - 30), m.start()) for m in rx.finditer(text)):
            score += points
            kind = kind or name
    if _CO_TENANT_AUTHOR.search(body) and not _SUBLEASE.search(body):
        score += _CO_TENANT_POINTS
        kind = kind or "tenant-notice"
    return score, kind


# "decided not to offer you a renewal lease", "no renewal offer will be made": no offer.
_NEGATED_BEFORE = re.compile(r"(?:\b(?:not|no|never|declines?d?)\b|n't)(?: [\w-]+){0,4} ?$")


def _court_caption(body: str) -> bool:
    """A court caption in the document's first lines (a summons, complaint or petition)."""
    lines = [line for line in body[:_CAPTION_CHARS].splitlines() if line.strip()][:_FIRST_LINES]
    return any(_COURT_CAPTION.search(line) for line in lines)


def _body_kind(body: str) -> str | None:
    return next((kind for kind, rx in _NON_NOTICE_RES if rx.search(body)), None)
