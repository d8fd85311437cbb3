"""Every accepted format, and that they agree with one another."""

import io
import json

import pytest

from batches.parsing import parse_stream, parse_upload

from .helpers import HEADER, SAMPLE, TEXT, body, fixture, parse, request


@pytest.fixture
def sample() -> dict:
    return json.loads(SAMPLE.read_text())


def test_shared_sample_sqs_event():
    upload = parse_upload(SAMPLE.read_bytes(), filename="batch-sqs-event.json")
    assert upload.format == "sqs-event"
    [batch] = upload.batches
    assert batch.batch_id == "batch_sample_001"
    assert batch.record_index == 0
    assert (batch.total_rows, batch.valid_rows, batch.invalid_rows) == (14, 14, 0)
    assert [row.row for row in batch.rows] == list(range(1, 15))
    assert batch.counts_by_state["CA"] == 3
    first = batch.rows[0]
    assert first.analysis_id == "analysis_001"
    assert first.user_form_data == {"tenantName": "Tenant A. Sample", "landlordName": "Owner Q. Example"}
    assert first.is_image_upload is False and first.user_id == "user_101"


def test_sqs_body_as_json_string_parses_the_same(sample):
    sample["Records"][0]["body"] = json.dumps(sample["Records"][0]["body"])
    upload = parse(sample)
    assert upload.format == "sqs-event"
    assert upload.batches[0].rows == parse_upload(SAMPLE.read_bytes()).batches[0].rows


def test_bare_body(sample):
    upload = parse(sample["Records"][0]["body"])
    assert upload.format == "body"
    assert upload.batches[0].batch_id == "batch_sample_001"
    assert upload.valid_rows == 14


def test_json_list(sample):
    upload = parse(sample["Records"][0]["body"]["batchRequests"])
    assert upload.format == "json-list"
    assert upload.batches[0].batch_id is None
    assert upload.valid_rows == 14


def test_jsonl_rows_are_line_numbers(sample):
    lines = [json.dumps(item) for item in sample["Records"][0]["body"]["batchRequests"]]
    data = ("\n".join(lines[:3]) + "\n\n" + "\n".join(lines[3:]) + "\n").encode()
    upload = parse_upload(data)
    assert upload.format == "jsonl"
    assert upload.valid_rows == 14
    assert [row.row for row in upload.rows][:5] == [1, 2, 3, 5, 6]  # line 4 is blank


def test_single_line_request_is_one_row_jsonl():
    upload = parse(request())
    assert upload.format == "jsonl" and upload.valid_rows == 1


def test_multiple_records_are_multiple_batches():
    event = {
        "Records": [{"body": body(request(1), batch_id="b1")}, {"body": json.dumps(body(request(2), batch_id="b2"))}]
    }
    upload = parse(event)
    assert [batch.batch_id for batch in upload.batches] == ["b1", "b2"]
    assert [batch.record_index for batch in upload.batches] == [0, 1]
    assert upload.total_rows == 2


def test_csv_with_header_variants_and_extra_form_columns():
    header = "Analysis ID,EXTRACTED_TEXT,user selected state,tenantName,landlord-name,isImageUpload,userId,Premises Address\n"
    data = (header + f'c1,"{TEXT}\nsecond line", ny ,Tenant,Owner,YES,42,100 Example St\n').encode()
    upload = parse_upload(data, filename="batch.csv")
    assert upload.format == "csv"
    [row] = upload.rows
    assert row.extracted_text == f"{TEXT}\nsecond line"
    assert row.user_selected_state == "NY" and row.is_image_upload is True and row.user_id == "42"
    assert row.user_form_data == {"tenantName": "Tenant", "landlordName": "Owner", "premisesAddress": "100 Example St"}


def test_csv_rows_are_line_numbers_with_multiline_cells():
    data = (HEADER + f'c1,"{TEXT}\nmore\nmore",CA,T,L,0,u\n' + f'c2,"{TEXT}",XX,T,L,0,u\n').encode()
    upload = parse_upload(data)
    assert upload.rows[0].row == 2
    assert upload.errors[0].row == 5


def test_csv_excel_bom_and_semicolons():
    upload = parse_upload(fixture("excel_bom_semicolon.csv"))
    assert upload.format == "csv" and upload.rows[0].analysis_id == "x_001"
    assert upload.rows[0].user_selected_state == "NY"


def test_csv_tab_separated():
    data = (HEADER.replace(",", "\t") + f"t1\t{TEXT}\tTX\tT\tL\tfalse\tu\n").encode()
    assert parse_upload(data).rows[0].user_selected_state == "TX"


def test_csv_optional_columns_may_be_absent():
    upload = parse_upload(f'extractedText,analysisId\n"{TEXT}",only\n'.encode())
    [row] = upload.rows
    assert (row.analysis_id, row.user_selected_state, row.user_form_data, row.user_id) == ("only", None, {}, None)


def test_formula_cells_are_stored_raw():
    row = parse_upload(fixture("formula_cells.csv")).rows[0]
    assert row.user_form_data["tenantName"] == '=HYPERLINK("http://x","y")'
    assert row.user_form_data["landlordName"] == "@SUM(A1)"
    assert row.user_id == "-1+2"


@pytest.mark.parametrize("name", ["body_utf8_bom.json", "body_utf16le_bom.json", "body_utf16be_bom.json"])
def test_unicode_encodings_with_bom_give_identical_rows(name):
    expected = parse_upload(fixture("body_utf8_bom.json")[3:]).rows
    assert parse_upload(fixture(name)).rows == expected
    assert "Résumé café" in expected[0].extracted_text


def test_utf32_with_bom():
    data = json.dumps(body(request())).encode("utf-32")  # Python writes the BOM
    assert parse_upload(data).valid_rows == 1


@pytest.mark.parametrize(
    "name", ["bad_line.jsonl", "nul_in_cell.csv", "ragged.csv", "excel_bom_semicolon.csv", "body_utf16le_bom.json"]
)
def test_stream_matches_upload(name):
    data = fixture(name)
    assert parse_stream(io.BytesIO(data)) == parse_upload(data)


def test_stream_of_sample_event_falls_back_to_whole_document():
    streamed = parse_stream(io.BytesIO(SAMPLE.read_bytes()))
    assert streamed.format == "sqs-event" and streamed.valid_rows == 14


def test_stream_reads_across_chunks(monkeypatch):
    monkeypatch.setattr("batches.parsing.stream.CHUNK_BYTES", 7)
    data = "".join(json.dumps(request(i)) + "\n" for i in range(1, 40)).encode()
    assert parse_stream(io.BytesIO(data)) == parse_upload(data)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32", "utf-8-sig"])
def test_csv_in_unicode_encodings_with_bom(encoding):
    data = (HEADER + f'c1,"{TEXT} café",ca,T,L,no,u\n').encode(encoding)
    [row] = parse_upload(data).rows
    assert row.extracted_text.endswith("café") and row.user_selected_state == "CA"
    assert parse_stream(io.BytesIO(data)) == parse_upload(data)


def test_csv_user_form_data_prefixed_columns():
    data = (HEADER.rstrip("\n") + ",userFormData.unitNumber\n" + f'c1,"{TEXT}",CA,T,L,0,u,4B\n').encode()
    assert parse_upload(data).rows[0].user_form_data["unitNumber"] == "4B"
