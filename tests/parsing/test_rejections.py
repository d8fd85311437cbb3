"""The file-level half of the bad-input catalogue: each case rejects the whole file."""

import codecs
import io
import json

import pytest

from batches.parsing import UploadRejected, parse_stream, parse_upload

from .helpers import HEADER, SAMPLE, TEXT, as_bytes, body, fixture, rejection, request


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n ", codecs.BOM_UTF8 + b"  \n"])
def test_empty_and_whitespace_only(data):
    exc = rejection(data, filename="empty.json")
    assert exc.code == "empty" and "is empty" in exc.message and "'empty.json'" in exc.message


def test_over_max_bytes():
    exc = rejection(as_bytes(body(request())), max_bytes=100)
    assert exc.code == "too_large" and "larger than the upload limit" in exc.message


def test_over_max_items_json():
    exc = rejection(as_bytes(body(*(request(i) for i in range(3)))), max_items=2)
    assert exc.code == "too_many_items" and "more than 2 requests" in exc.message


def test_over_max_items_counts_every_record():
    event = {"Records": [{"body": body(request(1), request(2))}, {"body": body(request(3))}]}
    assert rejection(as_bytes(event), max_items=2).code == "too_many_items"


def test_over_max_items_jsonl_and_csv():
    jsonl = "".join(json.dumps(request(i)) + "\n" for i in range(4)).encode()
    csv = (HEADER + "".join(f'c{i},"{TEXT}",CA,T,L,0,u\n' for i in range(4))).encode()
    assert rejection(jsonl, max_items=3).code == "too_many_items"
    assert rejection(csv, max_items=3).code == "too_many_items"


def test_truncated_json_names_line_and_column():
    exc = rejection(fixture("truncated_event.json"))
    assert exc.code == "malformed_json"
    assert "line 21, column 30" in exc.message and "truncated" in exc.message


def test_malformed_json_names_line_and_column():
    exc = rejection(b'{"batchRequests": [\n  {"analysisId": "a" "x"}\n]}')
    assert "Expecting ',' delimiter at line 2, column 22" in exc.message


@pytest.mark.parametrize("depth", [1_000, 100_000])
def test_deeply_nested_json(depth):
    exc = rejection(b"[" * depth + b"]" * depth)
    assert exc.code == "too_deep" and "nested too deeply" in exc.message


def test_deeply_nested_object_inside_body():
    nested = '{"a":' * 5000 + "1" + "}" * 5000
    exc = rejection(f'{{"batchRequests": [{{"userFormData": {nested}}}]}}'.encode())
    assert exc.code == "too_deep"


@pytest.mark.parametrize("token", ["NaN", "Infinity", "-Infinity", "1e999"])
def test_non_finite_numbers(token):
    data = json.dumps(body(request())).replace('"isImageUpload": false', f'"isImageUpload": {token}')
    exc = rejection(data.encode())
    assert exc.code == "non_finite" and "batchRequests[0].isImageUpload" in exc.message


def test_nan_fixture():
    assert "NaN is not allowed" in rejection(fixture("nan_body.json")).message


def test_duplicate_key_names_key_and_path():
    exc = rejection(fixture("duplicate_key_body.json"))
    assert exc.code == "duplicate_key"
    assert "duplicate key 'userId'" in exc.message and "batchRequests[0]" in exc.message


def test_duplicate_key_inside_string_body():
    inner = '{"batchId": "b", "batchId": "c", "batchRequests": []}'
    exc = rejection(json.dumps({"Records": [{"body": inner}]}).encode())
    assert "Records[0].body" in exc.message and "duplicate key 'batchId'" in exc.message


def test_huge_integer_is_rejected_not_crashing():
    data = b'{"batchRequests": [{"userId": ' + b"9" * 5000 + b"}]}"
    assert rejection(data).code == "bad_number"


def test_latin1_names_first_bad_byte_and_utf8():
    exc = rejection(fixture("latin1.csv"), filename="latin1.csv")
    assert exc.code == "encoding"
    assert "byte 0xE9 at line 2, column 77" in exc.message and "must be UTF-8" in exc.message


def test_latin1_json():
    assert "not valid UTF-8" in rejection(fixture("body_latin1.json")).message


def test_utf16_without_bom():
    exc = rejection(json.dumps(body(request())).encode("utf-16-le"))
    assert exc.code == "encoding" and "without a byte-order mark" in exc.message


def test_broken_utf16_with_bom():
    exc = rejection(codecs.BOM_UTF16_LE + "{}".encode("utf-16-le") + b"\x00\xd8")  # lone high surrogate
    assert exc.code == "encoding" and "not valid UTF-16" in exc.message


def test_png_renamed_json():
    exc = rejection(fixture("tiny_png_renamed.json"), filename="tiny_png_renamed.json")
    assert exc.code == "binary" and "looks like a PNG image, not a batch file" in exc.message


def test_pdf_renamed_json():
    assert "looks like a PDF document" in rejection(fixture("fake_pdf_renamed.json")).message


def test_zip_of_documents_is_parsed_not_rejected():
    # Issue 8: a ZIP of notice documents parses (tests/documents covers it in depth).
    parsed = parse_upload(fixture("documents.zip"), filename="documents.zip")
    assert parsed.format == "zip" and parsed.valid_rows == 1
    assert parsed.rows[0].document.kind == "pdf" and parsed.rows[0].extracted_text == ""
    streamed = parse_stream(io.BytesIO(fixture("documents.zip")), filename="documents.zip")
    assert streamed == parsed


def test_xlsx_is_told_to_export_csv():
    data = b"PK\x03\x04" + b"\x00" * 26 + b"[Content_Types].xml"
    assert "export the sheet as CSV" in rejection(data).message


@pytest.mark.parametrize(
    ("document", "fragment"),
    [
        ({"batchId": "b"}, "neither 'Records'"),
        ({"batchRequests": {"a": 1}}, "batchRequests must be a list, got an object"),
        ({"batchRequests": []}, "batchRequests is empty"),
        ({"batchRequests": [request()], "batchProcessing": "yes"}, "batchProcessing must be true or false"),
        ({"batchRequests": [request()], "batchId": ["x"]}, "batchId must be a string"),
        ({"Records": []}, "Records must be a non-empty list"),
        ({"Records": [{"messageId": "m"}]}, "Records[0] has no body"),
        ({"Records": [{"body": body(request())}, {"body": 7}]}, "Records[1].body must be an object or a JSON string"),
        ({"Records": [{"body": {"batchId": "b"}}]}, "Records[0].body.batchRequests is missing"),
        ([], "contains no requests"),
    ],
)
def test_container_schema_errors(document, fragment):
    exc = rejection(json.dumps(document, indent=1).encode())
    assert fragment in exc.message


def test_sqs_body_string_that_is_not_json_names_the_record():
    event = json.loads(SAMPLE.read_text())
    event["Records"].append({"body": '{"batchRequests": [ {"analysisId": '})
    exc = rejection(json.dumps(event).encode())
    assert "Records[1].body (a JSON string) is not valid JSON" in exc.message and "column" in exc.message


def test_csv_missing_required_columns_named_without_echoing_content():
    exc = rejection(b"TO: Tenant Jane Roe, 12 Secret Lane\nPay rent or quit.\n", filename="notice.txt")
    assert exc.code == "csv_header"
    assert "analysisId, extractedText" in exc.message and "Jane" not in exc.message


def test_csv_missing_one_required_column():
    exc = rejection(b"analysisId,tenantName\na1,T\n")
    assert "required column(s) extractedText" in exc.message


@pytest.mark.parametrize("header", ["analysisId,extractedText,=cmd()", "analysisId,extractedText,batchId"])
def test_csv_unsupported_extra_column(header):
    exc = rejection(f'{header}\na1,"{TEXT}",x\n'.encode())
    assert exc.code == "csv_header" and "Unsupported CSV column" in exc.message


def test_csv_duplicate_column():
    exc = rejection(f'analysisId,extractedText,Analysis ID\na1,"{TEXT}",a2\n'.encode())
    assert "appears twice" in exc.message


def test_csv_header_only():
    assert "contains no requests" in rejection(HEADER.encode()).message


def test_uploads_are_bytes_only():
    with pytest.raises(TypeError):
        parse_upload("not bytes")  # type: ignore[arg-type]


def test_json_named_file_that_is_not_json_says_so():
    exc = rejection(b"<html><body>502 Bad Gateway</body></html>\n", filename="batch.json")
    assert "'batch.json' is named like JSON but does not start with '{' or '['" in exc.message


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("latin1.csv", "encoding"),
        ("tiny_png_renamed.json", "binary"),
        ("truncated_event.json", "malformed_json"),
        ("duplicate_key_body.json", "duplicate_key"),
    ],
)
def test_stream_rejects_like_upload(name, code):
    data = fixture(name)
    with pytest.raises(UploadRejected) as streamed:
        parse_stream(io.BytesIO(data), filename=name)
    assert streamed.value.code == code
    assert streamed.value.message == rejection(data, filename=name).message


def test_stream_limits():
    jsonl = "".join(json.dumps(request(i)) + "\n" for i in range(50)).encode()
    with pytest.raises(UploadRejected, match="larger than the upload limit"):
        parse_stream(io.BytesIO(jsonl), max_bytes=len(jsonl) - 1)
    with pytest.raises(UploadRejected, match="more than 49 requests"):
        parse_stream(io.BytesIO(jsonl), max_items=49)
    with pytest.raises(UploadRejected, match=r"is empty \(0 bytes\)"):
        parse_stream(io.BytesIO(b""))


def test_stream_names_bad_byte_deep_in_a_big_file():
    lines = [json.dumps(request(i)) + "\n" for i in range(3000)]
    data = "".join(lines).encode() + b'{"analysisId": "caf\xe9"}\n'
    with pytest.raises(UploadRejected) as streamed:
        parse_stream(io.BytesIO(data))
    assert f"line 3001, column 20 (byte offset {len(data) - 4:,})" in streamed.value.message
    assert streamed.value.message == rejection(data).message
