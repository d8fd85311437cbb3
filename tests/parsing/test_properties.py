"""Any input either parses or is rejected with UploadRejected; no other exception escapes."""

import io
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from batches.parsing import ParsedUpload, UploadRejected, parse_stream, parse_upload

from .helpers import HEADER, SAMPLE

FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

json_scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20)
json_values = st.recursive(
    json_scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=5,
)
field_names = st.sampled_from(
    ["analysisId", "extractedText", "userSelectedState", "userFormData", "isImageUpload", "userId", "x"]
)
requests = st.dictionaries(field_names, json_values, max_size=7)
documents = st.one_of(
    st.lists(requests | json_values, max_size=5),
    st.builds(lambda r: {"batchId": "b", "batchRequests": r}, st.lists(requests, max_size=5)),
    st.builds(lambda r: {"Records": [{"body": {"batchRequests": r}}]}, st.lists(requests, max_size=5)),
    json_values,
)


def outcome(parse):
    try:
        result = parse()
    except UploadRejected as exc:
        assert exc.message and isinstance(exc.message, str)
        exc.message.encode("utf-8")  # messages must be storable
        return exc.code
    assert isinstance(result, ParsedUpload)
    check_result(result)
    return result


def check(data: bytes) -> None:
    """Never another exception; and streaming agrees with parsing the bytes whole."""
    whole = outcome(lambda: parse_upload(data))
    streamed = outcome(lambda: parse_stream(io.BytesIO(data)))
    assert whole == streamed


def check_result(result: ParsedUpload) -> None:
    for batch in result.batches:
        assert batch.total_rows == batch.valid_rows + batch.invalid_rows
        for error in batch.errors:
            error.message.encode("utf-8")
        for row in batch.rows:
            row.extracted_text.encode("utf-8")


@FAST
@given(st.binary(max_size=400))
def test_arbitrary_bytes(data):
    check(data)


@FAST
@given(st.text(max_size=300), st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]))
def test_arbitrary_text(text, encoding):
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:  # lone surrogates cannot even be written to a file
        return
    check(data)


@FAST
@given(documents, st.booleans())
def test_json_ish_documents(document, jsonl):
    if jsonl and isinstance(document, list):
        text = "\n".join(json.dumps(item, allow_nan=True) for item in document)
    else:
        text = json.dumps(document, allow_nan=True)
    check(text.encode("utf-8"))


@FAST
@given(st.lists(st.lists(st.text(max_size=20), max_size=9), max_size=6))
def test_csv_ish_rows(rows):
    lines = [",".join(cells) for cells in rows]
    check((HEADER + "\n".join(lines)).encode("utf-8", "surrogatepass"))


SAMPLE_BYTES = SAMPLE.read_bytes()


@FAST
@given(st.integers(0, len(SAMPLE_BYTES)), st.integers(0, len(SAMPLE_BYTES) - 1), st.integers(0, 255))
def test_truncated_or_corrupted_sample(cut, position, byte):
    corrupted = bytearray(SAMPLE_BYTES)
    corrupted[position] = byte
    check(bytes(corrupted[:cut] if cut % 2 else corrupted))


nasty_text = st.text(st.characters(categories=("Cs", "Cc", "Ll", "Zs", "Mn", "Cf")), max_size=40)


@FAST
@given(nasty_text, nasty_text, nasty_text)
def test_nul_surrogates_and_controls_in_fields_become_row_errors(text, analysis_id, tenant):
    item = {"analysisId": analysis_id, "extractedText": text, "userFormData": {"tenantName": tenant}}
    upload = parse_upload(json.dumps({"batchRequests": [item]}).encode())  # ensure_ascii escapes surrogates
    assert upload.total_rows == 1
    check_result(upload)
    for row in upload.rows:
        assert "\x00" not in row.extracted_text + row.analysis_id + row.user_form_data.get("tenantName", "")
