"""Default eviction templates: a starting point staff edit in the admin, not legal advice.

`DEFAULT_TEMPLATES` holds one dict per (state, reason, template_type) with the keys
`state`, `reason`, `template_type`, `title`, `content` and `metadata`:

- `response`: a plain-language guidance letter addressed to the tenant. One style throughout:
  we write *to the tenant*, never on the tenant's behalf to the landlord.
- `meta`: court instructions; its metadata carries `courtName` and `legalAidContacts`.

Letters are assembled from shared blocks plus state- and reason-specific paragraphs, so every
letter has the same shape: what the notice says, what the law requires, what to check, what to
do, where to get help. Legal statements follow /work/shared/reference/notice-law.md; where it
is silent (court deadlines) the text points the tenant to the papers they receive. This module
is long because it is content, not logic.
"""

from __future__ import annotations

from textwrap import dedent

from batches.analysis.schema import REASONS

GENERAL = "general"
STATES = {"CA": "California", "NY": "New York", "TX": "Texas"}
STATE_REASONS = ("non-payment", "lease-violation", "no-cause")
DISCLAIMER = "This is information, not legal advice. A lawyer or legal-aid office can advise you on your situation."
STAFF_VERIFY_NOTE = (
    "Staff: verify every contact and add the local legal-aid office for the tenant's county "
    "before relying on this list. Contacts are public statewide or national resources."
)


def _text(block: str) -> str:
    """Dedent a source block and join indented continuation lines, so each paragraph or bullet
    is one line: the reader's screen or email client wraps it, not our source width."""
    lines: list[str] = []
    for line in dedent(block).strip("\n").split("\n"):
        if line.startswith(" ") and lines and lines[-1]:
            lines[-1] += " " + line.strip()
        else:
            lines.append(line.rstrip())
    return "\n".join(lines)


def _bullets(lines: tuple[str, ...] | list[str]) -> str:
    return "\n".join(f"- {line}" for line in lines)


def _numbered(lines: tuple[str, ...] | list[str]) -> str:
    return "\n".join(f"{n}. {line}" for n, line in enumerate(lines, start=1))


# --- Shared letter blocks -------------------------------------------------------------------

HEADER = _text(
    """
    $today

    To: $tenant_names
    Home: $premises_address

    About the notice from $landlord_name

    Hello,

    Thank you for sharing the notice you received. We know a notice like this is stressful.
      This letter explains, in plain words, what the notice says, what the law requires, and what
      you can do next. Please read it today: some of the dates below may be close.
    """
)

NOTICE_FACTS = _text(
    """
    WHAT THE NOTICE SAYS
    - Type of notice: $notice_type
    - From (landlord or agent): $landlord_name
    - Home it is about: $premises_address
    - Dated: $notice_date
    - Delivered: $service_date ($service_method)
    - Time it gives you: $notice_period
    - Deadline written on the notice: $deadline_date
    """
)

MONEY_FACTS = _text(
    """
    - Total amount demanded: $amount_due
    - Of that, rent: $rent_amount
    """
)

COMPLIANCE = _text(
    """
    WHAT THE LAW REQUIRES
    $compliance_verdict
    - Law that sets the minimum notice: $statute
    - Minimum notice: $required_period
    - Earliest lawful deadline, counted from delivery: $earliest_lawful_deadline

    Problems we noticed:
    $compliance_issues

    A problem with the notice can be a defense if the landlord goes to court, but it does not
      make the notice disappear: the landlord may fix it and serve a new one. Please do not
      ignore the notice either way.
    """
)

URGENCY = _text(
    """
    HOW URGENT THIS IS
    $urgency

    Key dates:
    $key_dates
    """
)

NOT_A_COURT_ORDER = (
    "A notice is not a court order. To make you leave, the landlord has to file an eviction case "
    "in court and win it, and you have the right to be heard in that case."
)

HELP = _text(
    """
    WHERE TO GET FREE HELP
    $legal_aid_contacts

    The court instructions included with this letter explain what happens if the landlord goes to court.
    """
)

CLOSING = (
    _text(
        """
    We prepared this letter on $today from the notice you shared with us. Please compare every
      detail above with your copy of the notice and tell us if anything is wrong, missing, or
      marked as not stated.

    With you in this,
    The TenantArmor team
    """
    )
    + "\n\n"
    + DISCLAIMER
)

COMMON_STEPS_END = (
    "Keep the notice, the envelope, and anything else that came with it. Write down the date, the "
    "time and how you received it.",
    "Watch for court papers. If you receive them, act the same day: court deadlines are short. "
    "The court instructions included with this letter explain what to do.",
)

CARES_ACT = (
    "If your building has a federally backed mortgage (for example Fannie Mae, Freddie Mac, FHA, "
    "VA or USDA) or you live in public housing, Section 8 or a tax-credit property, federal law "
    "(the CARES Act) may require a 30-day notice to vacate. Tell legal aid if this may apply to you."
)


def _letter(*, intro: str, checks: tuple[str, ...], steps: tuple[str, ...], money: bool) -> str:
    facts = NOTICE_FACTS + ("\n" + MONEY_FACTS if money else "")
    parts = [
        HEADER,
        intro + "\n\n" + NOT_A_COURT_ORDER,
        facts,
        COMPLIANCE,
        "WHAT TO CHECK ON THE NOTICE\n" + _bullets(checks),
        URGENCY,
        "WHAT YOU CAN DO NOW\n" + _numbered(steps + COMMON_STEPS_END),
        HELP,
        CLOSING,
    ]
    return "\n\n".join(parts) + "\n"


# --- State letters: CA, NY, TX x non-payment, lease-violation, no-cause ----------------------

CA_TENANT_PROTECTION = (
    "If you have lived in the home for 12 months or more, California's Tenant Protection Act "
    '(Civil Code § 1946.2) usually requires a "just cause" that is stated in the notice. Some '
    "homes are exempt, and cities such as Los Angeles, San Francisco and Oakland have their own, "
    "sometimes stronger, rules."
)

STATE_LETTERS: dict[tuple[str, str], dict] = {
    ("CA", "non-payment"): {
        "intro": "You received what appears to be a California 3-day notice to pay rent or quit. "
        "It says $landlord_name wants $amount_due for the home at $premises_address, and that you "
        "must pay it or move out by $deadline.",
        "checks": (
            "California counts this notice in court days: Saturdays, Sundays and court holidays do "
            "not count (Code of Civil Procedure § 1161(2)). A notice served on a Friday does not run "
            "out until the next Wednesday, or later if there is a holiday. Mailing adds no extra days.",
            "The demand should be for rent only. Late fees, utilities or other charges in the amount "
            "are a common defect.",
            "The notice must say whom to pay, with their name, address and phone number and the "
            "usual days and hours for payment, or give a bank or electronic-payment option.",
            "The rent demanded should have fallen due within the last year.",
            CARES_ACT,
        ),
        "steps": (
            "If you can pay the full rent demanded before the deadline, pay it in a way you can "
            "prove: a receipt, a cashier's check or money order (keep a copy), or a bank transfer. "
            "Paying the full rent within the notice period generally ends a notice to pay rent or quit.",
            "If the landlord refuses your payment, write down when and how you offered it and keep the proof.",
            "If you cannot pay in full, contact legal aid or 211 right away and ask about rental "
            "assistance and your defenses.",
            "If you think the amount is wrong, write down why and gather rent receipts, bank statements and messages.",
        ),
        "money": True,
    },
    ("CA", "lease-violation"): {
        "intro": "You received what appears to be a California notice about a lease violation. It "
        "says $landlord_name believes a term of your lease for $premises_address was broken. "
        "California has two kinds of notice for this: a 3-day notice to perform covenant (fix the "
        "problem) or quit, and a 3-day notice to quit with no chance to fix it, which is only for "
        "serious problems such as a nuisance, damage to the property, illegal use or unlawful "
        "subletting.",
        "checks": (
            "A notice to perform covenant or quit counts 3 court days: Saturdays, Sundays and court "
            "holidays do not count (Code of Civil Procedure § 1161(3)). A 3-day notice to quit under "
            "§ 1161(4) counts calendar days.",
            "The notice should say which lease term was broken and, if it can be fixed, exactly what "
            "you must do to fix it.",
            CA_TENANT_PROTECTION + " Under that Act, a violation that can be fixed generally needs a "
            "notice giving you the chance to fix it first.",
        ),
        "steps": (
            "If the problem can be fixed, fix it before the deadline if you can, and keep proof: "
            "photos, dated messages, receipts.",
            "If you disagree that you broke the lease, write down what happened and when, and keep "
            "messages, photos and the names of anyone who saw what happened.",
            "Talk to legal aid before you reply to the landlord in writing, and keep a copy of anything you send.",
            "Keep paying your rent on time and keep proof, so there is no second reason for a case.",
        ),
        "money": False,
    },
    ("CA", "no-cause"): {
        "intro": "You received what appears to be a California notice ending your tenancy without "
        "stating a reason (often called a 30-day or 60-day notice). It says $landlord_name wants "
        "you to leave $premises_address by $deadline.",
        "checks": (
            "Under Civil Code § 1946.1 the landlord must give 30 days' notice if everyone in the home "
            "has lived there less than a year, and 60 days if anyone has lived there a year or more. "
            "Government-subsidized tenancies generally need 90 days (Civil Code § 1954.535). These "
            "are calendar days.",
            CA_TENANT_PROTECTION + " A notice that gives no reason may not be valid unless your home "
            "is exempt, for example a building less than 15 years old, some owner-occupied duplexes, "
            "or a single-family home or condo not owned by a corporation where you were given a "
            "written exemption notice.",
            "For no-fault reasons (such as an owner moving in or a substantial remodel), the Act "
            "requires relocation help equal to one month's rent, or waiving the last month's rent.",
        ),
        "steps": (
            "Work out how long you, and everyone living with you, have lived in the home. Find your "
            "lease and any notice from the landlord saying the home is exempt.",
            "Contact legal aid before the date on the notice: whether the notice is valid depends on these details.",
            "Keep paying your rent on time and keep proof, so there is no second reason for a case.",
        ),
        "money": False,
    },
    ("NY", "non-payment"): {
        "intro": "You received what appears to be a New York rent demand. It says $landlord_name "
        "wants $amount_due in rent for $premises_address. In New York, a landlord must give a "
        "written rent demand of at least 14 days before starting a court case for unpaid rent.",
        "checks": (
            "The demand must be in writing and give at least 14 days (Real Property Actions and "
            "Proceedings Law § 711(2)). A spoken demand does not count.",
            "It should say which months the rent is for and a good-faith amount for each month.",
            "It should be delivered in a way the law allows: handed to you, left with a person of "
            "suitable age at your home, or posted on your door. If it was not handed to you, it "
            "should also have been mailed to you.",
            "If your rent was more than 5 days late, the landlord should have sent you a "
            "certified-mail notice that it had not been received (Real Property Law § 235-e(d)). If "
            "that did not happen, tell legal aid: it can be a defense.",
            'The demand should come with a "Notice to tenant of applicability or inapplicability of '
            'the New York State Good Cause Eviction Law" (Real Property Law § 231-c).',
            CARES_ACT,
        ),
        "steps": (
            "If you can pay the amount you owe, pay in a way you can prove and ask for a receipt. "
            "Paying what is owed is usually the most direct way to end a case about unpaid rent.",
            "If you cannot pay in full, contact legal aid or 211 right away and ask about emergency rental assistance.",
            "Compare the amount with your own records, and gather your lease, rent receipts and bank records.",
            "If there are repair problems in your home, gather photos and copies of your repair "
            "requests: they can matter in a case about rent.",
        ),
        "money": True,
    },
    ("NY", "lease-violation"): {
        "intro": "You received what appears to be a New York notice about a lease violation, often "
        "called a notice to cure. It says $landlord_name believes a term of your lease for "
        "$premises_address was broken.",
        "checks": (
            "New York has no single statute for these notices: the time to fix the problem usually "
            "comes from your lease (often 10 days). If your apartment is rent-stabilized, the Rent "
            "Stabilization Code generally requires a 10-day notice to cure first.",
            "The notice should describe what you are said to have done, with specific facts, and "
            "what you must do to fix it.",
            "If the problem is not fixed, the landlord may send a notice of termination and then start a court case.",
            "New York's Good Cause Eviction Law (Real Property Law Article 6-A) may protect you if you "
            "live in New York City or a town that opted in, unless your building is exempt.",
            "Even after a court decision against you, New York law can give a further 30 days to fix "
            "the violation in some cases (Real Property Actions and Proceedings Law § 753(4)).",
        ),
        "steps": (
            "If the problem can be fixed, fix it before the deadline if you can, and keep proof: "
            "photos, dated messages, receipts.",
            "If you disagree, write down what happened and when, and keep messages, photos and the "
            "names of anyone who saw what happened.",
            "Talk to legal aid before you reply to the landlord in writing, and keep a copy of anything you send.",
            "Keep paying your rent on time and keep proof.",
        ),
        "money": False,
    },
    ("NY", "no-cause"): {
        "intro": "You received what appears to be a New York notice that your landlord intends to end "
        "your tenancy or not renew your lease, without stating a reason. It says $landlord_name "
        "wants you to leave $premises_address by $deadline.",
        "checks": (
            "The landlord must give 30 days' notice if you have lived there (or had a lease) for less "
            "than a year, 60 days for one to two years, and 90 days for two years or more (Real "
            "Property Law § 226-c; § 232-a in New York City, § 232-b elsewhere).",
            "New York's Good Cause Eviction Law (Real Property Law Article 6-A, 2024) generally bars "
            "ending or not renewing a tenancy without a good cause for covered apartments in New York "
            "City and towns that opted in. There are many exemptions, such as small landlords, "
            "regulated apartments, new buildings, co-ops and condos.",
            "If your apartment is rent-stabilized or otherwise regulated, different rules apply. Tell legal aid.",
        ),
        "steps": (
            "Work out how long you have lived in the home, and find your lease and any renewal offers.",
            "Contact legal aid before the date on the notice: whether you can be asked to leave "
            "depends on these details.",
            "Keep paying your rent on time and keep proof.",
        ),
        "money": False,
    },
    ("TX", "non-payment"): {
        "intro": "You received what appears to be a Texas notice to vacate for unpaid rent. It says "
        "$landlord_name wants you to leave $premises_address, or on some notices to pay "
        "$amount_due, by $deadline.",
        "checks": (
            "Texas generally requires at least 3 days' written notice to vacate before the landlord "
            "can file an eviction case, unless your written lease sets a different period (Property "
            "Code § 24.005). The days are calendar days counted from delivery.",
            "The notice should be handed to you or to someone 16 or older at your home, attached to "
            "the inside of your main entry door, or mailed. Posting it outside the door is allowed "
            "only in limited cases, together with mailing it the same day.",
            'A notice that lets you "pay or vacate" is generally allowed only after an earlier written rent reminder.',
            "Texas changed these rules on January 1, 2026 (Senate Bill 38). Some details may differ "
            "for notices given after that date, so legal aid should check them.",
            CARES_ACT,
        ),
        "steps": (
            "Read your lease for the notice period and any rules about late rent.",
            "In Texas, paying does not automatically cancel a notice to vacate. If you pay, ask the "
            "landlord to agree in writing that the eviction will not go ahead, and keep a receipt.",
            "If you cannot pay in full, contact legal aid or 211 right away and ask about rental assistance.",
            "Gather your lease, rent receipts, bank records and messages with the landlord.",
        ),
        "money": True,
    },
    ("TX", "lease-violation"): {
        "intro": "You received what appears to be a Texas notice to vacate because of a lease "
        "violation. It says $landlord_name believes a term of your lease for $premises_address "
        "was broken and wants you to leave by $deadline.",
        "checks": (
            "Texas generally requires at least 3 days' written notice to vacate before the landlord "
            "can file an eviction case, unless your written lease sets a different period (Property "
            "Code § 24.005). The days are calendar days counted from delivery.",
            "Texas law does not give a general right to fix a lease violation, but your lease might. "
            'Read it for a "cure" or "notice of default" clause.',
            "The notice should be handed to you or to someone 16 or older at your home, attached to "
            "the inside of your main entry door, or mailed.",
            "Texas changed these rules on January 1, 2026 (Senate Bill 38), so legal aid should check "
            "the details for notices given after that date.",
        ),
        "steps": (
            "If you disagree that you broke the lease, write down what happened and when, and keep "
            "messages, photos and the names of anyone who saw what happened.",
            "If the problem can be fixed, fix it, keep proof, and ask the landlord in writing to withdraw the notice.",
            "Contact legal aid soon: Texas eviction cases move quickly.",
            "Keep paying your rent on time and keep proof.",
        ),
        "money": False,
    },
    ("TX", "no-cause"): {
        "intro": "You received what appears to be a Texas notice ending your tenancy without stating "
        "a reason. It says $landlord_name wants you to leave $premises_address by $deadline.",
        "checks": (
            "For a month-to-month tenancy, the tenancy ends on the later of the date in the notice or "
            "one month after the notice was given, unless your lease says otherwise (Property Code "
            "§ 91.001).",
            "If you have a lease for a fixed term that has not ended, the landlord generally needs a "
            "reason the lease allows to end it early.",
            "Before filing an eviction case, the landlord generally must also give a written notice "
            "to vacate (Property Code § 24.005); sometimes it is combined with this notice.",
        ),
        "steps": (
            "Find your lease and check whether it is month-to-month or for a fixed term, and what it "
            "says about ending the tenancy.",
            "Contact legal aid before the date on the notice.",
            "Keep paying your rent on time and keep proof.",
        ),
        "money": False,
    },
}


# --- General letters: any state, one per reason ---------------------------------------------

LOCAL_RULES = (
    "Rules differ from state to state, and some cities add their own protections. "
    "Legal aid where you live can tell you which rules apply to your home."
)

GENERAL_LETTERS: dict[str, dict] = {
    "non-payment": {
        "intro": "You received what appears to be a notice about unpaid rent. It says $landlord_name "
        "wants $amount_due for the home at $premises_address, and gives you until $deadline.",
        "checks": (
            "Whether the amount is right, which months it covers, and whether it includes late fees "
            "or other charges as well as rent. Some states allow a demand for rent only.",
            "Whom to pay, and how, before the deadline.",
            "How many days it gives you, and whether they are calendar days or court/business days.",
            CARES_ACT,
            LOCAL_RULES,
        ),
        "steps": (
            "If you can pay the amount you owe, pay in a way you can prove and ask for a receipt. Ask "
            "legal aid whether paying ends the notice in $state_name.",
            "If you cannot pay in full, contact legal aid or 211 right away and ask about rental assistance.",
            "Gather your lease, rent receipts, bank records and messages with the landlord.",
        ),
        "money": True,
    },
    "lease-violation": {
        "intro": "You received what appears to be a notice about a lease violation. It says "
        "$landlord_name believes a term of your lease for $premises_address was broken.",
        "checks": (
            "Which lease term it says was broken, and the facts it gives.",
            "Whether it gives you a chance to fix the problem, what you must do, and by when.",
            LOCAL_RULES,
        ),
        "steps": (
            "If the problem can be fixed, fix it before the deadline if you can, and keep proof.",
            "If you disagree, write down what happened and when, and keep messages, photos and the "
            "names of anyone who saw what happened.",
            "Talk to legal aid before you reply to the landlord in writing.",
            "Keep paying your rent on time and keep proof.",
        ),
        "money": False,
    },
    "no-cause": {
        "intro": "You received what appears to be a notice ending your tenancy without stating a "
        "reason. It says $landlord_name wants you to leave $premises_address by $deadline.",
        "checks": (
            "How much notice it gives. Many states require more notice the longer you have lived there.",
            'Whether your state or city requires a "just cause" or "good cause" to end a tenancy. '
            "Some do, and a notice without a reason may then not be valid.",
            LOCAL_RULES,
        ),
        "steps": (
            "Work out how long you have lived in the home, and find your lease.",
            "Contact legal aid before the date on the notice.",
            "Keep paying your rent on time and keep proof.",
        ),
        "money": False,
    },
    "holdover": {
        "intro": "You received what appears to be a notice saying your lease has ended and you must "
        "leave $premises_address by $deadline.",
        "checks": (
            "The date your lease ends, and whether you were offered a renewal.",
            "Whether your state or city requires a good reason to refuse a renewal.",
            LOCAL_RULES,
        ),
        "steps": (
            "Find your lease and any renewal offers or messages about renewing.",
            "Contact legal aid before the date on the notice.",
            "Keep paying your rent on time and keep proof.",
        ),
        "money": False,
    },
    "nuisance": {
        "intro": "You received what appears to be a notice claiming that a nuisance has happened at "
        "$premises_address, such as noise, disturbance or damage. Notices for these reasons can "
        "give very little time, and sometimes no chance to fix the problem.",
        "checks": (
            "What exactly it says happened, when, and who was involved.",
            "Whether it gives you a chance to stop or fix the problem.",
            LOCAL_RULES,
        ),
        "steps": (
            "Contact legal aid right away.",
            "Write down your side of what happened while you remember it, and keep messages, photos "
            "and the names of anyone who saw what happened.",
            "Talk to legal aid before you reply to the landlord in writing.",
        ),
        "money": False,
    },
    "illegal-activity": {
        "intro": "You received what appears to be a notice claiming illegal activity at "
        "$premises_address. This is serious: these notices can be very short and may not give a "
        "chance to fix anything.",
        "checks": (
            "What exactly it claims, when, and who is said to be involved.",
            "How much time it gives you.",
            LOCAL_RULES,
        ),
        "steps": (
            "Talk to a lawyer or legal aid right away, before you discuss the claims with the landlord or anyone else.",
            "Keep any papers you have, including police or court papers.",
        ),
        "money": False,
    },
    "owner-move-in": {
        "intro": "You received what appears to be a notice saying the owner, or a relative of the "
        "owner, wants to move into $premises_address, and that you must leave by $deadline.",
        "checks": (
            "Whether it names who will move in and their relationship to the owner. Some places "
            "require this and let you ask for proof.",
            "Whether relocation money or other help is offered. Some states and cities require it.",
            LOCAL_RULES,
        ),
        "steps": (
            "Keep a copy of everything the landlord sends about the move-in.",
            "Contact legal aid before the date on the notice.",
            "Keep paying your rent on time and keep proof.",
        ),
        "money": False,
    },
    "demolition": {
        "intro": "You received what appears to be a notice saying the building at $premises_address "
        "will be demolished or substantially renovated, and that you must leave by $deadline.",
        "checks": (
            "Whether it describes the work and mentions permits. Some places require permits before the notice.",
            "Whether relocation money is offered, and whether you have a right to move back later.",
            LOCAL_RULES,
        ),
        "steps": (
            "Keep a copy of everything the landlord sends about the work.",
            "Contact legal aid before the date on the notice.",
            "Keep paying your rent on time and keep proof.",
        ),
        "money": False,
    },
    "withdrawal-from-market": {
        "intro": "You received what appears to be a notice saying the owner is taking $premises_address "
        "off the rental market, and that you must leave by $deadline.",
        "checks": (
            "How much notice it gives. Some states and cities require longer notice and relocation "
            "help for this reason.",
            LOCAL_RULES,
        ),
        "steps": (
            "Keep a copy of everything the landlord sends.",
            "Contact legal aid before the date on the notice.",
            "Keep paying your rent on time and keep proof.",
        ),
        "money": False,
    },
    "sale": {
        "intro": "You received what appears to be a notice connected with the sale of "
        "$premises_address. In many places a sale does not by itself end your lease: a new owner "
        "often has to honor it.",
        "checks": (
            "Whether you have a lease that has not ended yet.",
            "Who the new owner is, and where to pay rent after the sale.",
            LOCAL_RULES,
        ),
        "steps": (
            "Find your lease and keep a copy of everything about the sale.",
            "Do not stop paying rent: ask in writing whom to pay, and keep proof of every payment.",
            "Contact legal aid before the date on the notice.",
        ),
        "money": False,
    },
    "other": {
        "intro": "You received what appears to be a notice from $landlord_name about "
        "$premises_address. The reason it gives did not fit our usual categories, so please read "
        "it carefully with us or with legal aid.",
        "checks": (
            "What reason it gives, and whether it gives you a chance to fix anything.",
            "How much time it gives you.",
            LOCAL_RULES,
        ),
        "steps": (
            "Contact legal aid before the date on the notice.",
            "Keep paying your rent on time and keep proof.",
        ),
        "money": False,
    },
    GENERAL: {
        "intro": "You received what appears to be a notice from $landlord_name about "
        "$premises_address. It mentions $reason_label.",
        "checks": (
            "What reason it gives, and whether it gives you a chance to fix anything.",
            "How much time it gives you, and how the days are counted.",
            LOCAL_RULES,
        ),
        "steps": (
            "Contact legal aid before the date on the notice.",
            "Keep paying your rent on time and keep proof.",
        ),
        "money": False,
    },
}

NOT_A_NOTICE_LETTER = (
    _text(
        """
    $today

    To: $tenant_names
    Home: $premises_address

    About the document you shared with us

    Hello,

    Thank you for sharing your document. We read it carefully, and it does not appear to be an
      eviction notice. It may be something else, such as a lease renewal offer, a rent increase
      notice, a late-rent reminder, or a letter about repairs or fees. We may be wrong, so please
      check it against the list below.

    WHAT TO CHECK
    - Does it come from a court? Look for a court name, a case or index number, and words such
      as "summons", "citation", "petition", "complaint" or "writ". If so, it is not a notice
      from your landlord but a court case, and deadlines are very short: contact legal aid the
      same day.
    - Does it tell you to leave, to move out, to "quit" or "vacate", or to pay by a deadline or
      leave? If so, it may be an eviction notice after all. Send it back to us and say so.
    - Does it change your rent or your lease terms? A rent increase or renewal offer can have
      its own rules and deadlines for replying.
    - Is it a reminder that rent is late? A reminder can come before an eviction notice, so it
      is a good time to talk to your landlord or legal aid.

    WHAT WE READ
    - From: $landlord_name
    - Dated: $notice_date

    Key dates we found:
    $key_dates

    WHERE TO GET FREE HELP
    $legal_aid_contacts

    We prepared this letter on $today. If you receive anything else from your landlord or a
      court, please share it with us right away.

    With you in this,
    The TenantArmor team
    """
    )
    + "\n\n"
    + DISCLAIMER
    + "\n"
)


# --- Court instructions (meta) and legal-aid contacts ----------------------------------------


def _contact(name: str, url: str, notes: str, phone: str | None = None) -> dict:
    contact = {"name": name, "url": url, "notes": notes, "verify": True}
    if phone:
        contact["phone"] = phone
    return contact


DIAL_211 = _contact(
    "211 (Dial 2-1-1)",
    "https://www.211.org",
    "Free, confidential referrals to local help, including rental assistance. Dial 2-1-1.",
    phone="2-1-1",
)
LAWHELP = _contact("LawHelp.org", "https://www.lawhelp.org", "Finds free legal-aid programs in every state.")

CONTACTS: dict[str, list[dict]] = {
    "CA": [
        _contact("LawHelpCA.org", "https://www.lawhelpca.org", "Finds free legal aid in California."),
        _contact(
            "California Courts Self-Help Guide",
            "https://selfhelp.courts.ca.gov",
            "The courts' official guide to eviction cases, forms and local self-help centers.",
        ),
        DIAL_211,
    ],
    "NY": [
        _contact("LawHelpNY.org", "https://www.lawhelpny.org", "Finds free legal aid in New York."),
        _contact(
            "NY CourtHelp",
            "https://www.nycourts.gov/courthelp",
            "The New York courts' official help for people without a lawyer, including eviction cases.",
        ),
        DIAL_211,
    ],
    "TX": [
        _contact(
            "TexasLawHelp.org",
            "https://texaslawhelp.org",
            "Free legal information, forms and legal-aid referrals for Texas tenants.",
        ),
        DIAL_211,
    ],
    GENERAL: [LAWHELP, DIAL_211],
}

COURT_NAMES = {
    "CA": "Superior Court of California for your county",
    "NY": "Housing Court in New York City; elsewhere in New York, the local City, District, Town or Village Court",
    "TX": "Justice Court (Justice of the Peace court) for the precinct where your home is",
}

SOURCES = {
    "CA": [
        "notice-law.md §1.2 California",
        "Code of Civ. Proc. § 1167 as amended by AB 2347 (eff. 2025-01-01): 10 court days to respond",
    ],
    "NY": [
        "notice-law.md §1.2 New York",
        "22 NYCRR 208.42: NYC residential summary proceedings are heard in the housing part",
    ],
    "TX": [
        "notice-law.md §1.2 Texas (SB 38, 2026-01-01)",
        "Tex. R. Civ. P. 510.4: trial 10-21 days after the petition is filed (check after SB 38)",
    ],
    GENERAL: ["notice-law.md §0 and §1.3"],
}

MEETING_COURT = _text(
    """
    - Go to every court date, on time, with the court papers, the notice, your lease, rent
      receipts, bank records, photos and messages with the landlord.
    - If you do not respond or do not appear, the court can decide against you without hearing
      your side (a "default").
    - Ask legal aid or the court's self-help service for help with forms as early as you can.
    - Only a court order can make you leave, and only an officer such as a sheriff, marshal or
      constable can carry it out. If you receive a court order or a notice from one of them,
      contact legal aid the same day.
    """
)

STATE_COURT_TEXT = {
    "CA": _text(
        """
        COURT INSTRUCTIONS: CALIFORNIA

        If the notice period ends and the matter is not resolved, the landlord may file an
          eviction lawsuit, called an "unlawful detainer" case.

        Court that hears these cases: $court_name.

        If you are served with court papers
        - You will receive a Summons and a Complaint. Write down the date and how you got them.
        - Respond in writing, usually with a form called an Answer, by the deadline on the
          Summons. The deadline is short and counted in court days (weekends and court holidays
          do not count). Under Code of Civil Procedure § 1167 it is usually 10 court days after
          the papers are handed to you; your Summons gives your exact deadline, so check it.
        - File your response with the court clerk and have a copy served on the landlord. The
          court's self-help center can explain the forms.
        """
    ),
    "NY": _text(
        """
        COURT INSTRUCTIONS: NEW YORK

        If the matter is not resolved, the landlord may start a court case called a summary
          proceeding, by serving you with a notice of petition and a petition.

        Court that hears these cases: $court_name.

        If you are served with court papers
        - Read the notice of petition the day you receive it. It names the court, the date, and
          how and by when to answer. In some cases you must answer with the court clerk within a
          few days, before any court date, so check the papers you receive.
        - The petition should come with a notice about the Good Cause Eviction Law (Real Property
          Law § 231-c). Tell legal aid if it is missing.
        - In New York City, call 311 and ask about free legal help for tenants in Housing Court.
        """
    ),
    "TX": _text(
        """
        COURT INSTRUCTIONS: TEXAS

        If the notice period ends and the matter is not resolved, the landlord may file an
          eviction suit.

        Court that hears these cases: $court_name.

        If you are served with court papers
        - You will receive a citation and a copy of the landlord's petition. The citation gives
          the date and time of your trial.
        - Trials come quickly: under the Texas Rules of Civil Procedure the trial is usually set
          10 to 21 days after the landlord files. Texas changed its eviction procedures on
          January 1, 2026 (Senate Bill 38), so follow the dates and any answer deadline on the
          citation, and check the papers you receive.
        - If the judge rules against you, the time to appeal is very short. Ask the court clerk
          or legal aid about it the same day.
        """
    ),
}

GENERAL_COURT_TEXT = _text(
    """
    COURT INSTRUCTIONS

    An eviction notice is not a court case. If the matter is not resolved, the landlord may file
      an eviction case in court. Which court hears it, and how fast it moves, depends on the state
      and county.

    If you are served with court papers
    - The papers are often called a summons, citation or notice of petition, and come with a
      complaint or petition. They name the court and say by when you must respond or appear.
      Check the papers you receive: deadlines can be only a few days.
    - Write down the date and how you received them, and contact legal aid the same day.
    """
)

NOT_A_NOTICE_COURT_TEXT = _text(
    """
    COURT INSTRUCTIONS

    The document you shared does not appear to be an eviction notice or court papers, so there
      is no court deadline we can see.

    If you later receive court papers (often called a summons, citation or notice of petition,
      with a complaint or petition), they start a court case. They name the court and say by
      when you must respond or appear, and deadlines can be only a few days. Contact legal aid
      the same day, and go to every court date.
    """
)


def _meta_content(state: str, reason: str) -> str:
    if reason == "not-a-notice":
        return NOT_A_NOTICE_COURT_TEXT + "\n"
    body = STATE_COURT_TEXT.get(state, GENERAL_COURT_TEXT)
    return f"{body}\n\nAt every stage\n{MEETING_COURT}\n\nFree help\n$legal_aid_contacts\n"


def _meta_metadata(state: str) -> dict:
    return {
        "courtName": COURT_NAMES.get(state),
        "legalAidContacts": [dict(c) for c in CONTACTS[state]],
        "staffNote": STAFF_VERIFY_NOTE,
        "sources": list(SOURCES[state]),
    }


# --- Assembly --------------------------------------------------------------------------------

REASON_TITLES = {
    "non-payment": "unpaid rent",
    "lease-violation": "lease violation",
    "no-cause": "no-cause termination",
    "holdover": "lease ended (holdover)",
    "nuisance": "nuisance",
    "illegal-activity": "illegal activity",
    "owner-move-in": "owner move-in",
    "demolition": "demolition or renovation",
    "withdrawal-from-market": "withdrawal from the rental market",
    "sale": "sale of the property",
    "other": "other reason",
    "not-a-notice": "not an eviction notice",
    GENERAL: "any reason",
}


def _entry(state: str, reason: str, template_type: str, content: str) -> dict:
    where = STATES.get(state, "All states")
    kind = "guidance letter to the tenant" if template_type == "response" else "court instructions"
    return {
        "state": state,
        "reason": reason,
        "template_type": template_type,
        "title": f"{where}, {REASON_TITLES[reason]}: {kind}",
        "content": content,
        "metadata": _meta_metadata(state) if template_type == "meta" else {},
    }


def _response_content(state: str, reason: str) -> str:
    if reason == "not-a-notice":
        return NOT_A_NOTICE_LETTER
    return _letter(**(STATE_LETTERS.get((state, reason)) or GENERAL_LETTERS[reason]))


def _build() -> list[dict]:
    keys = [(state, reason) for state in STATES for reason in STATE_REASONS]
    keys += [(GENERAL, reason) for reason in (*REASONS, GENERAL)]
    templates = []
    for state, reason in keys:
        templates.append(_entry(state, reason, "response", _response_content(state, reason)))
        templates.append(_entry(state, reason, "meta", _meta_content(state, reason)))
    return templates


DEFAULT_TEMPLATES: list[dict] = _build()
