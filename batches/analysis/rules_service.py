"""How the notice was served, and whether it lets the tenant cure. Reads the lowercase copy."""

from __future__ import annotations

import re

from batches.analysis.rules_match import cue

# "[X] text", "[x]", "[✓]" or a ballot box "☒ text"; the text may wrap onto indented lines.
_CHECKED = re.compile(r"(?:\[\s*[x✓✔]\s*\]|☒)\s*([^\[☐☒\n]+(?:\n\s{3,}[^\[☐☒\n]+)*)")
_SERVICE_SENTENCE = cue(
    r"\b(?:served|sent|delivered|delivering|delivery|mailed|posted|handed|affixed|"
    r"entregado|entregue|notificado|servido|enviado|envie|fije|fijado|pegado)[^\[]{0,140}",
    literals=(
        "served",
        "sent",
        "deliver",
        "mailed",
        "posted",
        "entregado",
        "entregue",
        "notificado",
        "servido",
        "enviado",
        "envie",
        "fije",
        "fijado",
        "pegado",
        "handed",
        "affixed",
    ),
)
# Most specific first: "leaving a copy with ... and mailing" is substituted, not mail.
_METHODS = (
    ("substituted", cue(r"suitable age|person (?:of|over|aged)|over (?:13|14|16)|aged (?:13|14|16)|"
                               r"leaving a copy with|family member|persona mayor")),
    ("posting-and-mail", re.compile(r"(?:post\w*|conspicuous|affix\w*)(?:[^.]|\bu\.s\.){0,100}(?<!e-)(?<!\be)mail|"
                                    r"(?:fij\w*|pega\w*)[^.]{0,120}correo")),
    ("posting", cue(r"post(?:ed|ing)|conspicuous|affix\w*|attached to (?:the )?(?:inside|front|main)|"
                           r"left at (?:the )?premises|fijado|pegado|fije")),
    ("certified-mail", cue(r"certified|registered mail|return receipt|correo certificado|acuse de recibo")),
    # "e-mailed" / "email" is not mail service.
    ("mail", cue(r"(?<!e-)\bmail(?:ed|ing)?\b|first-class|correo", literals=("mail", "first-class", "correo"))),
    ("personal", cue(r"personal(?:ly)?|in hand|by hand|hand[- ]deliver\w*|handed|in person|delivering a copy to|"
                            r"delivering a true copy|en persona|en mano")),
)  # fmt: skip
_SERVICE_WORDS = cue(
    r"proof of service|certificate of service|affidavit of service|declaration of service|method of delivery|"
    r"served by|"
    r"comprobante de entrega|declaracion jurada de entrega|constancia de entrega|certificado de entrega"
)


def service_method(low: str) -> str | None:
    """The checked proof-of-service box, else the method a service sentence names."""
    checked = [m.group(1) for m in _CHECKED.finditer(low)]
    for text in checked:
        method = _method_in(text)
        if method:
            return method
    # A proof/affidavit of service outranks earlier mentions ("we mailed you a reminder").
    section = _SERVICE_WORDS.search(low)
    for start in (section.start(), 0) if section else (0,):
        method = _first_method(low, start)
        if method:
            return method
    return "unknown" if _SERVICE_WORDS.search(low) else None


def _first_method(low: str, pos: int) -> str | None:
    """The method named by the first service sentence from `pos` that is not about payment."""
    while (m := _SERVICE_SENTENCE.search(low, pos)) is not None:
        lead = _lead(low, m.start())
        if _PAYMENT_LEAD.search(lead):
            # "pay by check mailed to the office" is how to pay, not service; a service
            # sentence may follow inside this match's window, so go on right after the verb.
            pos = m.start() + 1
            continue
        method = _method_in(lead + m.group(0))
        if method:
            return method
        pos = m.end()
    return None


# The words just before the verb belong to it: "Hand-delivered", "Personally served".
_LEAD_CHARS = 25
_PAYMENT_LEAD = re.compile(r"\b(?:checks?|payments?|money orders?|pay|payable|pagos?|cheques?)\b")


def _lead(low: str, start: int) -> str:
    lead = low[max(0, start - _LEAD_CHARS) : start]
    cut = max(lead.rfind("\n"), lead.rfind(". "), lead.rfind(":"))
    return lead[cut + 1 :]


def _method_in(text: str) -> str | None:
    text = " ".join(text.split())  # "delivered  by\nhand": gaps and wraps read as one space
    return next((method for method, rx in _METHODS if rx.search(text)), None)


_NO_CURE = cue(
    r"unconditional|no (?:opportunity|right) to cure|cannot be cured|may not cure|will not be able to cure|"
    r"without (?:an )?opportunity to cure|no podra corregir"
)
_CURE = cue(
    r"\bcure\b|\bcease\b|pay(?:[^.\n]|\.\d){0,60}\bor\b[^.\n]{0,40}(?:quit|vacate|move|possession|leave|deliver)|"
    r"unless (?:the )?(?:rent|payment|amount|sum)[^.]{0,30}(?:paid|made)|unless you pay|"
    r"perform (?:the )?covenants?|comply or vacate|remedy|correct the (?:violation|breach)|"
    r"cancel this (?:termination|notice) by paying|stop (?:this|the) (?:notice|eviction)|"
    r"pagar[^.\n]{0,60}\bo\b[^.\n]{0,30}(?:desocupar|entregar la posesion)|corregir|"
    # "puede cancelar esta terminacion pagando toda la renta", "puede detener el desalojo si paga"
    r"(?:cancelar|anular|detener|evitar) (?:esta|la|este|el) (?:terminacion|aviso|desalojo)\s+(?:pagando|si paga)"
)


def cure_offered(low: str, reasons: list[str]) -> bool:
    """Whether the tenant may pay or fix the breach to keep the tenancy."""
    if _NO_CURE.search(low):
        return False
    if not {"non-payment", "lease-violation"} & set(reasons):
        return False
    return bool(_CURE.search(low))
