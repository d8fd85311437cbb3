"""Reason and period fixes after blind sets 9 and 10's first contact (rules_reason, rules, rules_terms).
Fresh fictional wording, not the blind sets'; each fix has a guard for the opposite case."""

from __future__ import annotations

from batches.analysis.rules import extract_facts

# --- a Spanish rent demand that says what is owed to the landlord ---------------------------


_SPANISH_OWED_TO_LANDLORD = (
    "AVISO DEL ARRENDADOR\n\n"
    "PARA: Leocadia Pimentel Ravenscroft y todos los ocupantes\n\n"
    "Por este medio se le notifica que usted le debe al propietario la suma de $905.00 por la renta\n"
    "de la vivienda en 12 Calle Inventada, Villa Ficticia, Illinois 60999.\n\n"
    "Si el pago no se hace dentro de cinco (5) dias despues de la entrega de este aviso, su contrato\n"
    "de arrendamiento sera terminado.\n\n"
    "Fecha: 4 de febrero de 2026       Arrendador: Casimiro Zubizarreta\n"
)


def test_spanish_notice_saying_the_tenant_owes_the_owner_a_sum_is_non_payment():
    facts = extract_facts(_SPANISH_OWED_TO_LANDLORD)
    assert facts["reason"] == "non-payment"
    assert facts["amountDue"] == 905.0
    assert facts["noticeDays"] == 5


def test_spanish_balance_of_rent_owed_line_is_non_payment_and_the_total():
    text = (
        "AVISO DE CINCO DIAS DEL ARRENDADOR\n\n"
        "PARA: Segismundo Albarracin, 3 Calle Ficticia, Aurora Falsa, IL 60998\n\n"
        "Renta de enero de 2026 ............ $1,210.00\n"
        "Menos abono recibido .............. ($110.00)\n"
        "SALDO DE RENTA ADEUDADO ........... $1,100.00\n\n"
        "Si el saldo no se paga dentro de cinco (5) dias despues de la entrega de este aviso, su contrato\n"
        "de arrendamiento sera terminado.\n"
    )
    facts = extract_facts(text)
    assert facts["reason"] == "non-payment"
    assert facts["amountDue"] == 1100.0


def test_spanish_termination_that_mentions_the_rent_as_usual_stays_no_cause():
    text = (
        "AVISO DE TERMINACION\n\nInquilino: Filomena Quintanar-Blythe\n\n"
        "Su contrato de mes a mes se termina el 31 de marzo de 2026. La renta de marzo se paga como de costumbre.\n"
        "Usted debe desocupar la unidad dentro de treinta (30) dias.\n"
    )
    assert extract_facts(text)["reason"] == "no-cause"


# --- a Spanish no-cause letter that says it is not for unpaid rent --------------------------


_NOT_FOR_UNPAID_RENT = (
    "AVISO PARA DESOCUPAR\n\nLaredo Chico, Texas, 2 de marzo de 2026\n\n"
    "Sra. Eulalia Montenegro Pickering\n\n"
    "Usted me renta el cuarto mes por mes desde hace dos anos. Ya decidi vender y por esta carta le doy\n"
    "aviso de terminacion del arrendamiento. Tiene treinta (30) dias para desocupar.\n"
    "No es por falta de pago, siempre me ha pagado a tiempo.\n\n"
    "Atentamente, Baltasar Ochoterena, dueno\n"
)


def test_spanish_letter_saying_it_is_not_for_lack_of_payment_is_not_non_payment():
    facts = extract_facts(_NOT_FOR_UNPAID_RENT)
    assert facts["reason"] == "no-cause"
    assert facts["noticeDays"] == 30


def test_spanish_letter_naming_lack_of_payment_stays_non_payment():
    text = _NOT_FOR_UNPAID_RENT.replace(
        "No es por falta de pago, siempre me ha pagado a tiempo.",
        "Es por falta de pago: no ha pagado la renta de febrero.",
    )
    assert extract_facts(text)["reason"] == "non-payment"


# --- a Spanish month-to-month termination with no cause ------------------------------------


_SPANISH_MONTHLY_ENDED = (
    "AVISO DE TERMINACION DE CONTRATO MES A MES\n\n"
    "Villa Inventada, Ohio, 6 de abril de 2026\n\n"
    "Estimada Sra. Rosalba Igartua:\n"
    "Usted renta el departamento de 9 Calle Sinnombre mes a mes. He decidido terminar el contrato.\n"
    "Tiene treinta (30) dias a partir de hoy para entregar la unidad.\n\n"
    "Atentamente, Gumersindo Larrazabal, propietario\n"
)


def test_spanish_notice_ending_a_monthly_contract_is_no_cause():
    facts = extract_facts(_SPANISH_MONTHLY_ENDED)
    assert facts["reason"] == "no-cause"
    assert facts["noticeDays"] == 30


def test_spanish_notice_of_termination_of_the_lease_asking_for_the_house_is_no_cause():
    text = (
        "AVISO DE TERMINACION DEL ARRENDAMIENTO\n\n"
        "PARA: Teofilo Urdangarin, 5 Calle Sinnombre, Villa Inventada, OH 43999\n\n"
        "Le pido entregar la casa y las llaves a mas tardar el 30 de mayo de 2026.\n\n"
        "Fecha: 6 de abril de 2026\nGumersindo Larrazabal\n"
    )
    assert extract_facts(text)["reason"] == "no-cause"


def test_spanish_letter_about_the_lease_ending_on_its_own_is_not_a_termination():
    # "al terminar su contrato" (when the lease runs out) says nothing of who ends it.
    text = (
        "INSTRUCCIONES DE SALIDA\n\nEstimado Sr. Teofilo Urdangarin:\n"
        "Gracias por avisarnos que se ira al terminar su contrato el 30 de junio de 2026.\n"
        "Deje las llaves en la oficina.\n"
    )
    assert extract_facts(text)["reason"] != "no-cause"


# --- a period stated as "one month's notice" -------------------------------------------------


_ONE_MONTHS_NOTICE = (
    "NOTICE TO QUIT\n\nTO: Ottoline Brackenridge-Sowa\n    14 Wrenfield Row, Apt 2, Marrowgate, NJ 08999\n\n"
    "DATE: February 25, 2026\n\n"
    "Your lease ends on March 31, 2026 and will not be renewed. Your tenancy will terminate on March 31, 2026\n"
    "and you must deliver up possession on or before that date. This constitutes one (1) month's notice.\n"
)


def test_one_months_notice_is_a_stated_thirty_day_period():
    facts = extract_facts(_ONE_MONTHS_NOTICE)
    assert facts["noticeDays"] == 30
    assert facts["dayCounting"] == "calendar"


def test_one_months_rent_is_not_a_period():
    # Without the stated period the days come from the dates (Feb 25 -> Mar 31).
    text = _ONE_MONTHS_NOTICE.replace(
        "This constitutes one (1) month's notice.", "You may apply one (1) month's rent of deposit."
    )
    assert extract_facts(text)["noticeDays"] == 34
