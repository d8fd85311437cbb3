"""The streaming JSON reader (jsonstream) against parse_upload: same rows, same errors, same
rejections, with read chunks small enough that every value straddles a chunk boundary."""

import io
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from batches.parsing import BatchEnd, BatchStart, UploadRejected, parse_stream, parse_upload
from batches.parsing import stream as stream_module

from .helpers import SAMPLE, TEXT, request

FAST = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)


@pytest.fixture
def tiny_chunks(monkeypatch):
    monkeypatch.setattr(stream_module, "CHUNK_BYTES", 7)


def outcome(parse):
    try:
        return parse()
    except UploadRejected as exc:
        return ("rejected", exc.code, exc.message)


def same(data: bytes) -> None:
    whole = outcome(lambda: parse_upload(data))
    assert outcome(lambda: parse_stream(io.BytesIO(data))) == whole


def event(*bodies, records_extra=None) -> dict:
    return {"Records": [{"messageId": f"m{i}", "body": b, **(records_extra or {})} for i, b in enumerate(bodies)]}


def body(requests, *, batch_id="b_1", first=False, as_string=False):
    items = {"batchRequests": requests}
    meta = {"batchProcessing": True, "batchId": batch_id}
    value = {**items, **meta} if first else {**meta, **items}
    return json.dumps(value) if as_string else value


REQUESTS = [request(n) for n in range(1, 6)]
BAD = [request(1), request(2, userSelectedState="ZZ"), request(3, extractedText=""), request(1)]


@pytest.mark.usefixtures("tiny_chunks")
@pytest.mark.parametrize("indent", [None, 2])
@pytest.mark.parametrize(
    "document",
    [
        event(body(REQUESTS)),
        event(body(REQUESTS, first=True)),  # batchId after batchRequests
        event(body(REQUESTS, as_string=True)),  # the seed's form: the body is a JSON string
        event(body(REQUESTS[:2], batch_id="b_1"), body(REQUESTS[2:], batch_id="b_2", as_string=True)),
        event(body(BAD)),
        event(body(REQUESTS), records_extra={"attributes": {"x": '[not] {a} "container"'}}),
        body(REQUESTS),
        body(REQUESTS, first=True),
        REQUESTS,
        BAD + ["not an object", 5],
    ],
)
def test_streamed_document_equals_whole_parse(document, indent):
    data = json.dumps(document, indent=indent).encode()
    parsed = parse_stream(io.BytesIO(data))
    assert parsed == parse_upload(data)
    assert parsed.total_rows > 0


@pytest.mark.usefixtures("tiny_chunks")
@pytest.mark.parametrize(
    "text",
    [
        '{"Records": [{"body": {"batchRequests": [REQ]}}]',  # truncated
        '{"Records": [{"body": {"batchRequests": [REQ]}}]} x',  # extra data
        '{"Records": {"body": {}}}',  # Records not an array
        '{"Records": []}',
        '{"Records": [{"nobody": 1}]}',
        '{"Records": [5]}',
        '{"Records": [{"body": 5}]}',
        '{"Records": [{"body": "not json"}]}',
        '{"Records": [{"body": {"batchRequests": [REQ]}, "body": {}}]}',  # duplicate key
        '{"Records": [{"body": {"batchRequests": [REQ], "batchProcessing": "yes"}}]}',
        '{"Records": [{"body": {"batchRequests": []}}]}',
        '{"Records": [{"body": {"batchRequests": {}}}]}',
        '{"Records": [{"body": {"batchId": "b"}}]}',
        '{"Records": [{"body": {"batchRequests": [REQ], "batchId": ["x"]}}]}',
        '{"Records": [{"body": {"batchRequests": [REQ, NaN]}}]}',
        '{"Records": [{"body": {"batchRequests": [REQ]}}], "batchRequests": [REQ]}',
        '{"batchRequests": [REQ], "Records": []}',
        '{"batchRequests": [REQ], "batchId": "b", "batchId": "c"}',
        '{"Records": [{"body": {"batchRequests": [REQ,]}}]}',
        '{"Records": [{"body": {"batchRequests": [REQ]}}]}\n{"analysisId": "x"}',
        '{"analysisId": "one-line", "extractedText": "TEXT"}',  # a single request: JSON Lines
        '[REQ, {"analysisId": "a", "analysisId": "b"}]',
        "[REQ, 1e999]",
        "[REQ",
        "[]",
        "\ufeff[REQ]",
        '\ufeff{"Records": [{"body": {"batchRequests": [REQ]}}]}',
        '  \n\t {"Records": [ {"body" : { "batchRequests" : [ REQ ] } } ] }  \n',
    ],
)
def test_faults_are_named_as_parse_upload_names_them(text):
    same(text.replace("REQ", json.dumps(request(1))).replace("TEXT", TEXT).encode())


STRING_BODIES = [
    json.dumps({"batchRequests": [request(1, extractedText=TEXT + ' \U0001f600 \ud83d tail \udc00 " \\ \n')]}),
    '{"batchRequests": [REQ], "batchId": "b\\u00e9"}',
    '{"batchRequests": [REQ]} junk',
    '{"batchRequests": [REQ]',
    '["not", "an object"]',
    "",
    "\ufeff{}",
    '{"batchRequests": [REQ], "batchRequests": [REQ]}',
]


@pytest.mark.parametrize("chunk", [1, 5, 7, 13, 4096])
@pytest.mark.parametrize("inner", STRING_BODIES)
def test_a_body_given_as_a_json_string_streams_like_the_whole_parse(monkeypatch, chunk, inner):
    monkeypatch.setattr(stream_module, "CHUNK_BYTES", chunk)
    inner = inner.replace("REQ", json.dumps(request(1)))
    for ensure_ascii in (True, False):
        same(json.dumps({"Records": [{"body": inner}]}, ensure_ascii=ensure_ascii).encode("utf-8", "surrogatepass"))


@pytest.mark.usefixtures("tiny_chunks")
@pytest.mark.parametrize(
    "raw",
    [
        b'{"Records": [{"body": "{\\"batchRequests\\": [\x01]}"}]}',  # control character in the string
        b'{"Records": [{"body": "{\\"batchRequests\\": []}\\q"}]}',  # bad escape
        b'{"Records": [{"body": "{\\"batchRequests\\": [{\\"a\\": \\"\\ud83d\\u12"}]}"}]}',
        b'{"Records": [{"body": "{\\"batchRequests\\": [',  # the file ends inside the string
    ],
)
def test_faults_inside_a_string_body_are_named_like_the_whole_parse(raw):
    same(raw)


@pytest.mark.usefixtures("tiny_chunks")
def test_bad_utf8_late_in_a_document_is_named_like_the_whole_parse():
    data = json.dumps(event(body(REQUESTS))).encode()
    data = data[:-40] + b"\xff" + data[-39:]
    same(data)


@pytest.mark.usefixtures("tiny_chunks")
def test_record_numbers_name_rows_of_later_records():
    data = json.dumps(event(body([request(1)]), body([request(2, userSelectedState="ZZ")], batch_id="b_2"))).encode()
    parsed = parse_stream(io.BytesIO(data))
    assert [b.record_index for b in parsed.batches] == [0, 1]
    assert parsed.batches[0].errors == []
    [error] = parsed.batches[1].errors
    assert (error.row, error.field) == (1, "userSelectedState")


@pytest.mark.usefixtures("tiny_chunks")
def test_a_fault_in_a_later_record_is_named_by_its_record_number():
    good = {"body": {"batchRequests": [request(1)]}}
    data = json.dumps({"Records": [good, {"body": {"batchRequests": "five"}}]}).encode()
    with pytest.raises(UploadRejected) as caught:
        parse_stream(io.BytesIO(data))
    assert "Records[1].body.batchRequests must be a list" in caught.value.message


def test_one_line_document_longer_than_the_peek_streams(monkeypatch):
    monkeypatch.setattr(stream_module, "PEEK_BYTES", 64)
    monkeypatch.setattr(stream_module, "CHUNK_BYTES", 50)
    data = json.dumps(event(body(REQUESTS))).encode()
    assert parse_stream(io.BytesIO(data)) == parse_upload(data)


def test_events_come_one_row_at_a_time_with_the_batch_id_at_the_end():
    data = json.dumps(event(body(REQUESTS, first=True, batch_id="late"))).encode()
    events = stream_module.stream_upload(io.BytesIO(data))
    assert next(events) == BatchStart("sqs-event", 0)
    assert next(events).analysis_id == "a_001"
    *rows, end = list(events)
    assert len(rows) == 4 and end == BatchEnd("late", 5)


def test_a_non_seekable_stream_is_spooled():
    data = SAMPLE.read_bytes()

    class Pipe(io.RawIOBase):
        def __init__(self):
            self.inner = io.BytesIO(data)

        def readable(self):
            return True

        def readinto(self, buffer):
            chunk = self.inner.read(len(buffer))
            buffer[: len(chunk)] = chunk
            return len(chunk)

    assert parse_stream(io.BufferedReader(Pipe())) == parse_upload(data)


documents = st.builds(
    lambda bodies, extra, indent: json.dumps(event(*bodies, records_extra=extra), indent=indent),
    st.lists(
        st.builds(
            body,
            st.lists(st.sampled_from(REQUESTS + BAD + [{"x": [1, {"y": "]}"}]}]), max_size=4),
            batch_id=st.sampled_from(["b_1", "", " b ", 7, None]),
            first=st.booleans(),
            as_string=st.booleans(),
        ),
        min_size=1,
        max_size=3,
    ),
    st.sampled_from([None, {"md5": "{["}, {"body2": []}]),
    st.sampled_from([None, 1]),
)


@FAST
@given(documents, st.integers(1, 40), st.data())
def test_generated_and_mutated_events_agree(monkeypatch, text, chunk, data):
    monkeypatch.setattr(stream_module, "CHUNK_BYTES", chunk)
    raw = bytearray(text.encode())
    if data.draw(st.booleans()):
        at = data.draw(st.integers(0, len(raw) - 1))
        raw[at] = data.draw(st.sampled_from(b'{}[]",: \\x0'))
    if data.draw(st.booleans()):
        raw = raw[: data.draw(st.integers(1, len(raw)))]
    same(bytes(raw))


@pytest.mark.parametrize(
    "document",
    [
        event(body(REQUESTS, as_string=True)),
        event(body(REQUESTS, first=True)),
        body(BAD),
        REQUESTS,
        event(body(REQUESTS[:2], batch_id="b_1"), body(REQUESTS[2:], batch_id="b_2", as_string=True)),
    ],
)
def test_valid_documents_never_fall_back_to_the_whole_parse(monkeypatch, document):
    data = json.dumps(document).encode()
    expected = parse_upload(data)

    def whole_parse(*args, **kwargs):
        raise AssertionError("read whole")

    monkeypatch.setattr(stream_module, "CHUNK_BYTES", 11)
    monkeypatch.setattr(stream_module, "parse_upload", whole_parse)
    assert parse_stream(io.BytesIO(data)) == expected
