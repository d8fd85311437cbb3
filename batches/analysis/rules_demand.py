"""The document's own demand to leave: the sentence that makes a paper an eviction notice.

A paper is a notice only when it makes a demand or declaration, directed at the recipient,
that ends or threatens to end their right of possession ("you must vacate by", "your tenancy
is hereby terminated", "pay ... or quit", "perform ... or deliver possession", "landlord elects
to terminate", "usted debe desocupar"). The same words are no demand when they are negated,
conditional on the tenant's choice or on a future paper ("if you agree to move out", "may
issue a notice to vacate"), reported (a court paper, a ledger, a notice someone received) or
said by the tenant about their own tenancy. Runs on the lowercase `flat` copy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from batches.analysis.rules_match import cue
from batches.analysis.rules_numbers import PERIOD_RE

_SUBJECT = r"(?:you|tenants?(?:\s?\(s\))?|occupants?|residents?|lessees?)"
_MODAL = (
    r"(?:must|shall|will (?:have to|need to|be required to)|(?:are|is) (?:hereby |now )?(?:required|directed|"
    r"ordered|demanded|instructed|notified) to|have to|need to|are to|is to)"
)
_LEAVE = (
    # "leave"/"surrender" only for the home: "leave the keys", "surrender the keys" demand nothing.
    r"(?:vacate|quit|move out|move from|remove from|(?:leave|surrender(?: up)?)(?= (?:the |your |this |said )?"
    r"(?:premises|unit|apartment|property|home|house|dwelling|possession|rental)\b|[.,;]|$| by\b| within\b| on or "
    r"before\b| immediately\b| no later\b| after\b| from\b| following\b)|deliver (?:up )?(?:the )?possession|"
    r"give up possession|remove (?:yourself|yourselves)|be (?:moved )?out\b|"
    # "get out" only of the home or with a deadline: "get out the recycling bins" is no demand
    r"get out(?= of (?:the |your |this |said )?(?:premises|unit|apartment|property|home|house|dwelling|rental)\b|"
    r"[.,;]|$| by\b| within\b| on or before\b| immediately\b| no later\b))"
)
# Within one sentence: no full stop, but "$1,250.00" and "i.e." / "e.g." do not end it.
_NO_STOP = r"(?:[^.;]|\.\d|\.(?=[eg]\.)|(?<=\.[eg])\.)"
_OR_LEAVE = (
    r"\bor (?:to |else )?(?:quit|vacate|deliver|surrender|give up|move out|get out|leave|remove|your (?:tenancy|"
    r"lease) will)"
)
# "will therefore end", "shall hereby terminate": the same declaration with a linking adverb.
_ADVERB = r"(?:therefore|accordingly|hereby|thus|then|now|consequently|automatically)"
_TENANCY = (
    # "end your month-to-month rental": a periodic rental is the tenancy ("rental" alone may be the unit)
    r"(?:tenancy|lease|rental agreement|occupancy|right (?:of|to) (?:possession|occupancy|occupy)|"
    r"(?:month-to-month|week-to-week|periodic) rental)"
)
_DEMANDS = (
    # "You must vacate", "Tenants are hereby required to quit and deliver up possession"
    rf"\b{_SUBJECT}(?: and all (?:other )?occupants)?(?:,? (?:hereby |now |therefore |immediately )?{_MODAL}|"
    # the modal contracted: "you'll need to be out by May 8", "you'll have to vacate"
    rf"['\u2019]ll (?:have to|need to|be required to)) (?:\w+ ){{0,2}}?{_LEAVE}\b",
    # "the premises must be vacated by", "possession must be delivered"
    r"\b(?:premises|unit|apartment|property|home|house|dwelling|possession) (?:must|shall|is to|are to) be "
    r"(?:vacated|surrendered|delivered)",
    rf"\b(?:demands?|requires?|request) (?:of you )?(?:immediate |the )?(?:payment of [^.;]{{0,60}}? or )?"
    rf"(?:possession|that you (?:\w+ ){{0,2}}?{_LEAVE})",
    rf"\bdemand is (?:hereby )?made (?:up)?on you (?:to|that you) (?:\w+ ){{0,2}}?{_LEAVE}",
    rf"\bdemand is (?:hereby )?made that you (?:\w+ ){{0,2}}?{_LEAVE}",
    r"\b(?:quit|vacate) and (?:deliver|surrender)",
    # "we are asking you to leave the property", "the owner requires you to move out"
    rf"\b(?:ask|request|require|direct|order|tell|instruct|need|want|expect)(?:s|ed|ing)? you to (?:\w+ ){{0,2}}?"
    rf"{_LEAVE}\b",
    # the recipient as the object of the writer's need: "I need you and the kids out in 30 days",
    # "we want you out of the house by June 1" (out of the home, or with a deadline)
    r"\b(?:need|want|expect)s? (?:you|all of you|y'all)(?: and (?:[\w'-]+ ){0,2}?[\w'-]+)? (?:to be )?(?:moved )?out\b"
    r"(?= of (?:the |your |this |said |my |our )?(?:premises|unit|apartment|property|home|house|dwelling|rental|"
    r"place|trailer|cabin)\b| (?:by|in|within|no later|on or before|before|immediately)\b|[.,;]|$)",
    # "le pedimos que desocupe la vivienda", "se le exige que entregue la posesion"
    r"\b(?:le (?:pedimos|exigimos|requerimos|ordenamos|solicitamos|pido|exijo|requiero|ordeno|solicito)|se le "
    r"(?:pide|exige|ordena|requiere)) que "
    r"(?:\w+ ){0,2}?(?:desocupe|desaloje|entregue|se mude|abandone)",
    # "you have three days to vacate", "this notice gives you 30 days to move out", "you are given
    # fifteen (15) days notice to quit"
    rf"\b(?:gives?|giving|allows?|have|has|are given|are hereby given|is given) you (?:[\w()'-]+ ){{0,6}}?"
    rf"to {_LEAVE}\b",
    rf"\b{_SUBJECT} (?:have|has|are|is|are hereby|is hereby) (?:given )?(?:[\w()'-]+ ){{0,6}}?(?:to|notice to) "
    rf"{_LEAVE}\b",
    # "pay the rent of $850.00 within three days or quit", "remove the pet or deliver possession"
    rf"\bpay(?:s|ing)?\b{_NO_STOP}{{0,140}}?{_OR_LEAVE}",
    rf"\b(?:perform|comply|cure|remedy|correct|stop|cease|remove)\b{_NO_STOP}{{0,140}}?{_OR_LEAVE}",
    # "your tenancy ... is hereby terminated", "the lease will terminate on June 30"
    rf"\b{_TENANCY}\b(?: [\w,()'-]+){{0,8}}? (?:is|are|will be|shall be|has been|is being) "
    r"(?:hereby |therefore |accordingly |now )?"
    r"(?:terminated|ended|cancell?ed)",
    rf"\b{_TENANCY}\b(?: [\w,()'-]+){{0,8}}? (?:will|shall) (?:{_ADVERB} )?(?:terminate|end|cease)\b",
    rf"\b{_TENANCY}\b(?: [\w,()'-]+){{0,8}}? (?:ends|terminates)\b(?: on| at| as of| effective)? "
    r"(?:\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)",
    rf"\bterminat(?:e|es|ing)\b (?:\w+ ){{0,2}}?(?:your|the|this|said|tenant'?s?) (?:[\w-]+ ){{0,3}}?{_TENANCY}",
    r"\belects? to (?:terminate|end|cancel)",
    # "we have decided to end your tenancy", "it is necessary that you vacate", "kindly arrange to move out",
    # "your last day of occupancy will be August 31"
    rf"\bend(?:s|ing)? (?:your|the|this|said) (?:[\w-]+ ){{0,3}}?{_TENANCY}",
    # "we have decided not to continue your tenancy": the writer's decision ends it (a negation by form only)
    rf"\b(?:decided|elected|chosen|determined) not to (?:continue|renew|extend) (?:your|the|this|said) "
    rf"(?:[\w-]+ ){{0,3}}?{_TENANCY}",
    rf"\bit is (?:necessary|required|mandatory) that you (?:\w+ ){{0,2}}?{_LEAVE}\b",
    rf"\barrange to {_LEAVE}\b",
    r"\byour last day of (?:occupancy|tenancy|possession) (?:will be|is)\b",
    # Spanish; "le damos tres (3) dias para desocupar"
    r"\b(?:le|les) (?:damos|da|dan|doy|concedemos|concede|concedo|otorgamos|otorga|otorgo) (?:[\w()'-]+ ){0,12}?"
    r"para (?:desocupar|"
    r"desalojar|mudarse|entregar (?:la )?posesion)",
    r"\b(?:debe|deben|debera|deberan|tiene que|tienen que|tendra que|tendran que|esta obligad[oa] a|se le "
    r"(?:exige|requiere|ordena)|le (?:exigimos|requerimos|ordenamos|exijo|requiero|ordeno)) (?:\w+ ){0,2}?"
    r"(?:desocupar|desalojar|entregar (?:la )?posesion|mudarse|abandonar)",
    # the noun form too: "se exige el pago de la renta o la entrega de la vivienda"
    r"\bpag(?:ar|ue|uen|a|an|ara|aran|ando|o)\b(?:[^.;]|\.\d){0,140}?\bo (?:bien )?(?:la )?(?:desocup\w*|desaloj\w*|"
    r"entreg\w* (?:del? )?(?:la |el )?(?:posesion|vivienda|propiedad|unidad|apartamento|inmueble|casa|local)|mudarse|"
    r"abandon\w*)",
    r"\b(?:cumpl\w*|corregir|corrija|remedi\w*)\b(?:[^.;]|\.\d){0,140}?\bo (?:bien )?(?:desocup\w*|desaloj\w*|"
    r"entreg\w* (?:la )?posesion)",
    r"\b(?:arrendamiento|contrato|inquilinato|tenencia)\b(?: [\w,()'-]+){0,8}? (?:queda|quedara|sera|es|ha sido|"
    r"esta|se da|se dara) (?:por la presente )?(?:por )?(?:terminad|cancelad|rescindid|dad[oa] por terminad)",
    # the future tense: "su arrendamiento del inmueble terminara", "su contrato finalizara el 30 de junio"
    r"\b(?:arrendamiento|contrato|inquilinato|tenencia)\b(?: [\w,()'-]+){0,8}? (?:se )?(?:terminara|finalizara|"
    r"concluira|cesara)\b",
    r"\b(?:terminar|termina|terminara|terminamos|dar|da|damos|se da) (?:por terminado )?(?:\w+ ){0,2}?"
    r"(?:su|el|este) (?:contrato(?: de arrendamiento)?|arrendamiento|inquilinato)",
)
_DEMAND = re.compile("|".join(f"(?:{p})" for p in _DEMANDS))
# A sentence that opens with the order: "Vacate the premises within ...", "Please quit and deliver".
_IMPERATIVE = re.compile(
    # after a salutation or a lead clause: "Dear Tenant, please vacate", "Within 3 days, vacate"
    rf"(?:(?:(?!\b(?:before|after|when|once|if|until|upon|antes|despues|cuando|si)\b)[^:,]){{0,60}}[:,])?\s*"
    r"(?:please |kindly |immediately |favor de |por favor,? )?"
    rf"(?:{_LEAVE}|desocupe|desaloje|entregue la posesion|desocupar|desalojar)\b"
)
# Every demand holds one of these words; other sentences are not scanned.
_LEAVE_WORDS = (
    "vacat", "quit", "move", "leave", "surrender", "possession", "termin", " end", "cancel", "deliver", "give up",
    "desocup", "desaloj", "posesion", "mudarse", "abandon", "rescind", "be out", "entreg", "get out",
    "not to continue", "not to renew", "not to extend",
    "need you", "needs you", "want you", "wants you", "expect you", "expects you", "finaliz", "conclu",
)  # fmt: skip

# The sentence so far says the demand is the tenant's choice, a future paper's, or a right.
_CONDITIONAL = cue(
    r"\bif (?:you|tenants?|residents?) (?:\w+ )?(?:agree|accept|choose|decide|elect|wish|want|would like|sign|"
    r"receive|get|are (?:served|given|asked))|\bif (?:your |the )?(?:landlord|owner|manager|management|we|they|"
    r"lessor) (?:ever |later )?(?:serves?|issues?|gives?|sends?|delivers?|files?|decides?|chooses?|elects?|wants?|"
    r"terminates?|starts?|begins?)|\b(?:may|might|could|can|would)(?: (?:later|then|also|still|not))? (?:\w+ )?$|"
    r"\b(?:right|option|ability|power|intention|entitled) to $|\bsi (?:usted )?(?:acepta|esta de acuerdo|decide|"
    r"recibe)|\bpodr(?:a|ia|ian|an) (?:\w+ )?$|"
    # "you may later receive a notice to pay rent or vacate", "we will serve you with a notice to quit"
    r"\b(?:may|might|could|can|would|will)(?: (?:later|then|also|soon|still))? (?:receive|get|be given|be "
    r"served(?: with)?|serve(?: you)?(?: with)?|issue|deliver|send|give(?: you)?|lead to|result in)\b(?: \w+){0,4} $|"
    r"\bin (?:the )?future\b|"
    # the end comes only if the tenant declines a renewal: "will end on June 30 unless you sign the new lease"
    # ("unless you pay" stays a demand: a pay-or-quit)
    r"\bunless (?:you|tenants?|residents?) (?:\w+ )?(?:sign|renew|accept|extend)\b|"
    # anywhere before: "I am going to have my manager serve you the 3 day notice and then you will have to"
    r"\b(?:going to|gonna|will|plan to|intend to)(?:\s+have\s+(?:my|our|the|a|an)(?:\s+[\w-]+){0,3}?)?\s+(?:serve|"
    r"give|send|post|deliver|issue)(?:\s+you)?(?:\s+with)?\s+(?:a|an|the|your)\s+(?:[\w-]+\s+){0,3}?(?:notice|aviso)\b|"
    # the same in Spanish: "el lunes le entregaremos el aviso de 3 dias para pagar o desocupar"
    r"\b(?:(?:entregar|enviar|dar|notificar|emitir|present|mandar|poner)emos|vamos a (?:entregar|enviar|dar|notificar|"
    r"emitir|presentar|mandar)(?:le|les)?)\b(?:\s+[\w-]+){0,3}?\s+(?:el|un|una|la|su)\s+(?:[\w-]+\s+){0,3}?aviso\b",
    literals=(
        "if ",
        "may",
        "might",
        "could",
        "can",
        "would",
        " to ",
        "si ",
        "podr",
        "future",
        "when ",
        "will",
        "gonna",
        "unless",
        "emos ",
        "vamos a",
    ),
)
# ... or reports a paper or a court's act instead of making the demand (the whole sentence:
# "a 3-day notice to pay or quit was served on June 1")...
_REPORTED_PAPER = cue(
    r"\b(?:notice|demand|letter|summons|complaint|order|aviso)\b[^.;]{0,80}\b(?:was|were|had been|has been|have been) "
    r"(?:personally |duly )?(?:served|given|delivered|issued|posted|sent|mailed|received)\b|\b(?:received|served "
    r"with|been given|were given) (?:a|an|the|your|this|that) (?:[\w-]+ ){0,3}?(?:notice|aviso)|"
    # a ledger line or a history: "3-day notice to pay or vacate served by posting"
    r"\b(?:notice|aviso)\b[^.;]{0,60}\b(?:served|posted|delivered|mailed|issued) (?:on|by)\b|"
    # a future paper: "a 3-day notice to pay or quit will be issued"
    r"\b(?:notice|aviso)\b[^.;]{0,60}\b(?:will|may|might|could|shall|would) (?:then |later )?be (?:issued|served|"
    r"sent|given|delivered|posted)|"
    # "una copia del aviso ... que recibio el 5 de agosto", "a copy of the notice you received"
    r"\b(?:copy of|copia del?) (?:the |your |a |an |la |el |su )?[\"'\u201c]?(?:[\w-]+ ){0,3}?(?:notice|aviso)\b|"
    r"\baviso\b[^.;]{0,80}\bque (?:usted )?(?:recibio|le (?:entregaron|dieron|enviaron|notificaron))\b",
    literals=("notice", "demand", "letter", "summons", "complaint", "order", "aviso", "received", "served with",
              "given", " be ", "copy of", "copia de"),
)  # fmt: skip
# ... or, in the words before it, is a court's, a report, an acknowledgment or the tenant's own.
_REPORTED_BEFORE = cue(
    r"\b(?:stated|said|informed you|told you|advised you|alleg\w+) that\b|\bcourt\b|\bjudge\b|\bsheriff|"
    r"\bconstable|\bmarshal|\bwrit\b|"
    r"\bjudgment\b|\bplaintiff\b|\bdefendant\b|\b(?:i|we) (?:\w+ )?(?:received|acknowledge)\b|\backnowledg|"
    r"\brecibi\w*|\b(?:my|our) (?:[\w-]+ ){0,2}$|"
    # thanks for the tenant's own notice: "gracias por avisarnos que usted se mudara", "thank you for
    # letting us know that you will vacate"
    r"\bgracias por (?:avisarnos|informarnos|notificarnos|comunicarnos|su aviso)|\bthank you for (?:letting us "
    r"know|informing us|notifying us|telling us|your notice|giving (?:us )?(?:your )?notice)",
    literals=("stated", "said", "informed", "told", "advised", "alleg", "court", "judge", "judgment", "plaintiff",
              "sheriff", "constable", "marshal", "writ",
              "defendant", "received", "acknowledg", "recibi", "my ", "our ", "gracias por", "thank you for"),
)  # fmt: skip
# Negated: "you are not required to vacate", "no later than" is a deadline, not a negation.
_NEGATION = re.compile(r"\b(?:not|never|nor|no)\b(?! (?:later|less|fewer|more than|sooner))|n't\b")
# The place to leave is not the home: "vacate the pool area", "leave the parking lot".
_NOT_THE_HOME = re.compile(
    r"\s*(?:the |your |this )?(?:pool|gym|fitness|parking|laundry|common|hallway|lobby|clubhouse|storage|garage|"
    r"driveway|lot\b|area\b|space\b|spot\b|meeting|event|party room)"
)
# A stay away for hours is no end of possession: "vacate the unit from 9 a.m. to 1 p.m. for the
# pest treatment", "leave the apartment for four hours while we spray".
_TEMPORARY = cue(
    r"\b(?:from|between) \d{1,2}(?::\d\d)? ?(?:a\.?m|p\.?m|o'?clock|and|to|-)|"
    r"\buntil \d{1,2}(?::\d\d)? ?(?:a\.?m|p\.?m)|"
    r"\bfor (?:about |at least |up to )?(?:\w+ )?(?:\(\d+\) )?(?:hours?|minutes?)\b|"
    r"\bwhile (?:we|the|they|our|crews?|workers?|technicians?)\b|"
    r"\bduring (?:the )?(?:treatment|inspection|spraying|fumigation|repairs?|work|drill|test)|"
    r"\bstay out for\b",
    literals=("from", "between", "until", "for ", "while", "during", "stay out"),
)
# "al terminar su contrato" ("at the end of your lease"): the infinitive after a preposition is a
# time, no declaration (a lookbehind in _DEMANDS would cost a test at every position).
_AS_A_TIME = re.compile(r"\b(?:al|hasta|antes de|despues de|sin)\s*$")
_END_DATE = re.compile(r"\b(?:ends|terminates)\b(?: on| at| as of| effective)? \S+$")
_CHOICE = re.compile(r"\b(?:right|option|choice|opportunity|permission|free|entitled|allowed|permitted|welcome) to\b")
# The words before a leave verb name the speaker: "I will vacate", "we plan to move out".
_FIRST_PERSON = re.compile(r"\b(?:i|we)\b(?: [\w-]+){0,3}$")
_LEAVE_FIRST = re.compile(r"(?:vacate|quit|move|leave|surrender|deliver|remove|get out)\b")
# `flat` has no line breaks; in the title block (is_own) each line is its own sentence.
# "i.e." and "e.g." inside a sentence are no break.
_SENTENCE_BREAK = re.compile(r"(?<!\bi\.e)(?<!\be\.g)[.;!?](?=\s)|\s{3,}|\n")
_LOOKBACK = 160
_DEADLINE = re.compile(
    r"\b(?:within|on or before|no later than|not later than|by|before|on|dentro de|antes del?|a mas tardar|"
    r"en un plazo de)\b[^.;]{0,60}?(?:\d|days?\b|dias\b|hours?\b|horas\b|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|"
    r"nov|dec)[a-z]*\b|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|"
    # a date the letter has just named: "on or before that date", "antes de esa fecha"
    r"\b(?:that|this|the said|said|esa|dicha) (?:date|day|fecha)\b)"
)


@dataclass(frozen=True)
class Demand:
    """One demand sentence: where it is and whether a deadline or period is attached."""

    start: int
    end: int
    sentence_start: int
    sentence_end: int
    directed: bool
    weak: bool  # "your lease ends on May 31": a stated end date, no demand by itself
    deadline: bool


def demands(flat: str) -> list[Demand]:
    """The document's own demands to leave, at most one per sentence, in order; negated,
    conditional and reported mentions are left out. Only the sentences around a leave or
    termination word are scanned (the demand patterns cost ~60 ns a character)."""
    found, covered = [], -1
    for hit in _leave_positions(flat):
        if hit < covered:
            continue
        end = _sentence_end(flat, hit)
        start = hit - len(_sentence_before(flat, hit))
        covered = end
        demand = _sentence_demand(flat, start, end)
        if demand:
            found.append(demand)
    return found


def _leave_positions(flat: str) -> list[int]:
    """Where a leave or termination word starts (str.find: a regex alternation of these
    literals costs ~60 us a notice)."""
    positions = []
    for word in _LEAVE_WORDS:
        i = flat.find(word)
        while i != -1:
            positions.append(i)
            i = flat.find(word, i + 1)
    return sorted(positions)


def _sentence_demand(flat: str, start: int, end: int) -> Demand | None:
    imperative = _IMPERATIVE.match(flat, start)
    for m in [imperative] if imperative else _DEMAND.finditer(flat, start, end):
        sentence = flat[max(start, m.start() - _LOOKBACK) : m.start()]
        tail = flat[m.start() : end]
        if _rejected(sentence, m.group(), tail):
            continue
        whole = f" {sentence}{tail}"
        # An order that opens its sentence ("Please vacate ...") is said to the reader.
        directed = m is imperative or any(word in whole for word in (" you", "usted", " su ", " le "))
        deadline = bool(_DEADLINE.search(whole) or PERIOD_RE.search(whole))
        weak = bool(_END_DATE.search(m.group()))
        return Demand(m.start(), m.end(), start, end, directed, weak, deadline)
    return None


def is_own(text: str, start: int, end: int) -> bool:
    """Whether the phrase at text[start:end] (a title phrase read in the title block) is said
    by this paper, not inside a negated, conditional or reported sentence."""
    return not _rejected(_sentence_before(text, start), text[start:end], text[start : _sentence_end(text, end)])


def _sentence_before(flat: str, start: int) -> str:
    window = flat[max(0, start - _LOOKBACK) : start]
    breaks = [b for b in _SENTENCE_BREAK.finditer(window) if not _continues(window, b)]
    return window[breaks[-1].end() :] if breaks else window


def _continues(window: str, brk: re.Match) -> bool:
    """An indented line that goes on with the sentence ("i am\n      going to have ..."): a run of
    spaces between two lowercase words is no sentence break."""
    before, after = window[brk.start() - 1 : brk.start()], window[brk.end() : brk.end() + 1]
    return brk.group().isspace() and "\n" not in brk.group() and before.isalpha() and after.isalpha()


def _sentence_end(flat: str, end: int) -> int:
    m = _SENTENCE_BREAK.search(flat, end)
    return m.start() if m else len(flat)


def _rejected(sentence: str, matched: str, tail: str) -> bool:
    """Negated, conditional or reported. A negation only counts in the words just before the
    demand ("you do not need to leave"), not in a cure clause ("if you do not pay, you must")."""
    last_words = " ".join(sentence.rsplit(",", 1)[-1].split()[-4:])  # the demand's own clause
    if _NEGATION.search(last_words) or _NEGATION.search(_head_words(matched)):
        return True
    if _CHOICE.search(matched) or _NOT_THE_HOME.match(tail, len(matched)) or _TEMPORARY.search(tail):
        return True  # "you have the right to leave early", "vacate the pool area by 10 p.m.", "for 4 hours"
    if matched.startswith(("terminar ", "dar ")) and _AS_A_TIME.search(sentence):
        return True  # "al terminar su contrato el 31 de julio": when the lease ends
    if _FIRST_PERSON.search(last_words) and _LEAVE_FIRST.match(matched):
        return True  # "I will vacate and surrender possession": the tenant's own notice
    whole = f"{sentence} {tail}"
    if _CONDITIONAL.search(sentence) or _REPORTED_BEFORE.search(sentence):
        return True
    return bool(_CONDITIONAL.search(whole) or _REPORTED_PAPER.search(whole))


def _head_words(matched: str) -> str:
    """The demand's subject and verb, not its cure clause ("pay ... if not paid ... or quit")."""
    if matched.startswith(("pay", "pag")) or _DECIDED_NOT_TO.match(matched):
        return ""
    return " ".join(matched.split()[:5])


_DECIDED_NOT_TO = re.compile(r"(?:decided|elected|chosen|determined) not to ")
