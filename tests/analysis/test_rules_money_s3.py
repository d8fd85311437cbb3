"""A total label that wraps across a line ("in the sum\\nof $2,900.00") still labels the total,
so the itemised months are not added to it (fresh wording after blind set 12)."""

from batches.analysis.rules import extract_facts

TEXT = """FOURTEEN (14) DAY RENT DEMAND

To: Leontyne Barraclough, 9 Sparrow Hill Road, Apt 3, Northvale, NY 12401

You are hereby notified that you are justly indebted to the landlord in the sum
of $2,900.00 for rent of the above premises as follows:
   March 2025 rent ............ $1,450.00
   April 2025 rent ............ $1,450.00

The landlord demands payment of said rent, or possession of the premises, within fourteen (14)
days from the day of service of this notice.

Dated: April 7, 2025
"""


def test_a_wrapped_sum_label_is_the_total():
    facts = extract_facts(TEXT)
    assert facts["amountDue"] == 2900.0 and facts["rentAmount"] == 2900.0
