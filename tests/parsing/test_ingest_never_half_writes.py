"""The ingest service over arbitrary and mutated uploads: either batches with every valid
row, or BatchRejected with nothing written. No valid row ever holds NUL or a surrogate."""

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from batches.models import Batch, BatchItem
from batches.services.ingest import BatchRejected, UploadOptions, batch_create_from_upload
from tests.conftest import make_event, make_request

DB_EXAMPLES = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
VALID = make_event(
    [make_request(f"h_{n}", "NOTICE TO PAY RENT OR QUIT: $900 due within 3 days.", state="NY") for n in range(3)]
)
nasty_text = st.text(
    alphabet=st.characters(codec=None, categories=None, exclude_categories=()) | st.sampled_from("\x00\ud800\udfff\t"),
    max_size=30,
)


@st.composite
def mutated(draw) -> bytes:
    """The valid event with a few bytes flipped, inserted or cut (parsers' favourite bugs)."""
    data = bytearray(VALID)
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        op = draw(st.sampled_from(["flip", "insert", "cut"]))
        if op == "flip" and at < len(data):
            data[at] = draw(st.integers(0, 255))
        elif op == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=4))
        else:
            del data[at : at + draw(st.integers(1, 50))]
    return bytes(data)


@st.composite
def nasty_fields(draw) -> bytes:
    """Valid structure, hostile strings in every text field."""
    request = make_request("h_x", "NOTICE TO PAY RENT: " + draw(nasty_text), state="CA")
    request["userFormData"] = {"tenantName": draw(nasty_text), draw(nasty_text) or "k": draw(nasty_text)}
    request["userId"] = draw(nasty_text)
    request["analysisId"] = "h_" + draw(nasty_text)
    return json.dumps(
        {"Records": [{"body": {"batchId": "b_" + draw(nasty_text), "batchRequests": [request]}}]}
    ).encode()


class IngestNeverHalfWrites(TestCase):
    def ingest(self, data: bytes, *, skip_invalid: bool) -> None:
        before = (Batch.objects.count(), BatchItem.objects.count())
        options = UploadOptions(launch=False, skip_invalid=skip_invalid, store_file=False)
        try:
            batches = batch_create_from_upload(data=data, filename="h.json", options=options)
        except BatchRejected as exc:
            assert exc.message
            assert (Batch.objects.count(), BatchItem.objects.count()) == before
            return
        for item in BatchItem.objects.filter(batch__in=batches):
            for value in [item.extracted_text, item.analysis_id, item.user_id, *item.user_form_data.values()]:
                assert "\x00" not in value
                value.encode("utf-8")  # no lone surrogates

    @DB_EXAMPLES
    @given(st.one_of(mutated(), st.binary(max_size=300)), st.booleans())
    def test_mutated_and_random_bytes(self, data, skip_invalid):
        self.ingest(data, skip_invalid=skip_invalid)

    @DB_EXAMPLES
    @given(nasty_fields(), st.booleans())
    def test_hostile_strings_in_every_field(self, data, skip_invalid):
        self.ingest(data, skip_invalid=skip_invalid)
