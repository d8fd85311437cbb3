"""The row-level half of the catalogue: one bad row is an error, the other rows still parse."""

import json

import pytest

from batches.parsing import parse_upload

from .helpers import DROP, HEADER, TEXT, body, fixture, only_errors, parse, request


def one_bad(**overrides):
    """Parse [good, bad, good]; return the bad row's errors after checking the good ones."""
    upload = parse(body(request(1), request(2, **overrides), request(3)))
    assert [row.analysis_id for row in upload.rows] == ["a_001", "a_003"]
    assert upload.total_rows == 3 and upload.invalid_rows == 1
    assert all(error.row == 2 for error in upload.errors)
    return upload.errors


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        (DROP, "Row 2: analysisId is missing"),
        (None, "analysisId is missing"),
        ("", "analysisId is empty"),
        ("   ", "analysisId is empty"),
        (17, "analysisId must be a string, got a number"),
        (["a"], "analysisId must be a string, got an array"),
        ("x" * 129, "analysisId is too long (129 characters; the limit is 128)"),
        ("a\x00b", "analysisId contains a control character"),
        ("a\nb", "analysisId contains a control character"),
        ("a\x85b", "analysisId contains a control character"),
        ("a\ud800", "analysisId contains a control character"),
    ],
)
def test_bad_analysis_id(value, fragment):
    [error] = one_bad(analysisId=value)
    assert error.field == "analysisId" and fragment in error.message and error.analysis_id is None


def test_near_miss_field_name_is_pointed_out():
    upload = parse(body({"analysisID": "a1", "extractedText": TEXT}))
    assert "found 'analysisID'; field names are case-sensitive" in only_errors(upload)[0]


def test_analysis_id_is_trimmed():
    assert parse(body(request(analysisId="  a1 "))).rows[0].analysis_id == "a1"


def test_duplicate_analysis_id_every_later_occurrence_names_the_first():
    upload = parse(body(request(1), request(2, analysisId="a_001"), request(3), request(4, analysisId=" a_001")))
    assert [row.row for row in upload.rows] == [1, 3]
    assert only_errors(upload) == [
        "Row 2: analysisId 'a_001' duplicates row 1",
        "Row 4: analysisId 'a_001' duplicates row 1",
    ]
    assert {error.analysis_id for error in upload.errors} == {"a_001"}


def test_duplicate_analysis_id_across_records():
    event = {"Records": [{"body": body(request(1))}, {"body": body(request(1))}]}
    upload = parse(event)
    assert only_errors(upload) == ["Row 1: analysisId 'a_001' duplicates Records[0] row 1"]
    assert upload.batches[1].invalid_rows == 1


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        (DROP, "extractedText is missing (no notice text)"),
        ("", "extractedText is empty or only whitespace (no notice text)"),
        ("   ", "only whitespace"),
        ("\n\t\r\n", "only whitespace"),
        (42, "extractedText must be a string, got a number"),
        ({"text": "x"}, "must be a string, got an object"),
        ("NOTICE\x00 pay", "extractedText contains a NUL byte at character 7"),
        ("NOTICE \ud800 pay", "extractedText contains an unpaired surrogate (U+D800) at character 8"),
        ("NOTICE \x1b[31m", "extractedText contains control character U+001B at character 8"),
        ("x\x0b", "control character U+000B"),
    ],
)
def test_bad_extracted_text(value, fragment):
    [error] = one_bad(extractedText=value)
    assert error.field == "extractedText" and fragment in error.message


def test_text_over_max_chars():
    upload = parse(body(request(extractedText="x" * 101)), max_text_chars=100)
    assert "extractedText is too long (101 characters; the limit is 100)" in only_errors(upload)[0]


def test_text_allows_tab_newline_cr_and_is_nfc():
    decomposed = "Re\u0301sume\u0301\tline\r\nnext"
    [row] = parse(body(request(extractedText=decomposed))).rows
    assert row.extracted_text == "R\u00e9sum\u00e9\tline\r\nnext"


def test_messages_never_echo_notice_text():
    secret = "Tenant Jane Roe SSN 123-45-6789"
    bad = [{"extractedText": secret + "\x00"}, {"extractedText": secret, "userSelectedState": "XX"}]
    upload = parse(body(*(request(i, **b) for i, b in enumerate(bad))))
    assert upload.errors and all("Jane" not in message for message in only_errors(upload))


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("XX", "Row 2: userSelectedState 'XX' is not a US state code"),
        ("Calif", "'Calif' is not a US state code"),
        ("GU", "'GU' is not a US state code"),
        (6, "userSelectedState must be a string, got a number"),
    ],
)
def test_bad_state(value, fragment):
    [error] = one_bad(userSelectedState=value)
    assert error.field == "userSelectedState" and fragment in error.message


@pytest.mark.parametrize(("value", "expected"), [(" ny", "NY"), ("new york", "NY"), ("", None), (None, None)])
def test_state_normalised_or_absent(value, expected):
    assert parse(body(request(userSelectedState=value))).rows[0].user_selected_state == expected


@pytest.mark.parametrize(
    ("value", "field", "fragment"),
    [
        ("Tenant", "userFormData", "userFormData must be an object, got a string"),
        ([], "userFormData", "got an array"),
        ({"tenantName": ["x"]}, "userFormData.tenantName", "must be a string or number, got an array"),
        ({"tenantName": True}, "userFormData.tenantName", "got a boolean"),
        ({"tenantName": "T\x00"}, "userFormData.tenantName", "contains a NUL byte"),
        ({"a\x00": "x"}, "userFormData", "invalid field name"),
        ({f"k{i}": "v" for i in range(51)}, "userFormData", "51 fields; the limit is 50"),
    ],
)
def test_bad_form_data(value, field, fragment):
    [error] = one_bad(userFormData=value)
    assert error.field == field and fragment in error.message


def test_form_data_numbers_become_strings_and_null_is_dropped():
    form = {"rentAmount": 1200, "deposit": 99.5, "unit": None, "tenantName": "T"}
    assert parse(body(request(userFormData=form))).rows[0].user_form_data == {
        "rentAmount": "1200",
        "deposit": "99.5",
        "tenantName": "T",
    }


@pytest.mark.parametrize(("value", "fragment"), [("true", "got a string"), (1, "got a number"), ([], "got an array")])
def test_bad_is_image_upload(value, fragment):
    [error] = one_bad(isImageUpload=value)
    assert error.field == "isImageUpload" and f"isImageUpload must be true or false, {fragment}" in error.message


@pytest.mark.parametrize(("value", "fragment"), [(True, "got a boolean"), ({}, "got an object"), (1.5, "got a number")])
def test_bad_user_id(value, fragment):
    [error] = one_bad(userId=value)
    assert error.field == "userId" and fragment in error.message


@pytest.mark.parametrize(("value", "expected"), [(42, "42"), (7.0, "7"), (" u1 ", "u1"), ("", None), (None, None)])
def test_user_id_normalised(value, expected):
    assert parse(body(request(userId=value))).rows[0].user_id == expected


def test_several_problems_in_one_row_are_all_reported():
    errors = one_bad(analysisId="", extractedText="", userSelectedState="XX", isImageUpload="no")
    assert {error.field for error in errors} == {"analysisId", "extractedText", "userSelectedState", "isImageUpload"}


def test_non_object_items_in_a_list():
    upload = parse([request(1), "text", 5, None, request(5)])
    assert only_errors(upload) == [
        "Row 2: expected a request object, got a string",
        "Row 3: expected a request object, got a number",
        "Row 4: expected a request object, got null",
    ]
    assert upload.valid_rows == 2 and upload.total_rows == 5


def test_jsonl_bad_line_is_a_row_error():
    upload = parse_upload(fixture("bad_line.jsonl"))
    assert upload.format == "jsonl"
    assert [row.analysis_id for row in upload.rows] == ["j1", "j4"]
    assert only_errors(upload) == [
        "Row 2: line is not valid JSON: Unterminated string starting at column 39",
        "Row 4: userSelectedState 'XX' is not a US state code",
    ]


def test_jsonl_line_faults_stay_in_their_row():
    lines = [
        json.dumps(request(1)),
        '{"analysisId": "d", "analysisId": "e", "extractedText": "x"}',
        '{"analysisId": "n", "extractedText": "x", "userId": NaN}',
        "[" * 5000 + "]" * 5000,
        "[1, 2]",
        json.dumps(request(6)),
    ]
    upload = parse_upload("\n".join(lines).encode())
    assert [row.row for row in upload.rows] == [1, 6]
    messages = only_errors(upload)
    assert "Row 2: line is not valid JSON: duplicate key 'analysisId'" in messages[0]
    assert "Row 3: line is not valid JSON: NaN is not allowed" in messages[1]
    assert messages[2] == "Row 4: line is not valid JSON: JSON is nested too deeply"
    assert messages[3] == "Row 5: expected a request object, got an array"


def test_csv_nul_cells_are_row_errors():
    upload = parse_upload(fixture("nul_in_cell.csv"))
    assert [row.analysis_id for row in upload.rows] == ["n_003"]
    assert [(e.row, e.field) for e in upload.errors] == [(2, "userFormData.tenantName"), (3, "extractedText")]
    assert "NUL byte" in upload.errors[1].message


def test_csv_ragged_rows():
    upload = parse_upload(fixture("ragged.csv"))
    assert [row.analysis_id for row in upload.rows] == ["r_001", "r_004"]
    assert only_errors(upload) == [
        "Row 3: CSV row has 2 fields but the header has 7",
        "Row 4: CSV row has 8 fields but the header has 7",
    ]


def test_csv_trailing_empty_cells_are_tolerated():
    upload = parse_upload((HEADER.rstrip("\n") + ",\n" + f'c1,"{TEXT}",CA,T,L,0,u,,\n').encode())
    assert upload.valid_rows == 1


def test_csv_value_under_empty_header_is_an_error():
    upload = parse_upload((HEADER.rstrip("\n") + ",\n" + f'c1,"{TEXT}",CA,T,L,0,u,surprise\n').encode())
    assert only_errors(upload) == ["Row 2: CSV row has a value in a column without a header"]


def test_csv_field_over_size_limit_names_the_row_and_continues():
    big = "x" * 200_000
    data = (HEADER + f'c1,"{TEXT}",CA,T,L,0,u\n' + f'c2,"{big}",CA,T,L,0,u\n' + f'c3,"{TEXT}",CA,T,L,0,u\n').encode()
    upload = parse_upload(data)
    assert [row.analysis_id for row in upload.rows] == ["c1", "c3"]
    [error] = upload.errors
    assert error.row == 3 and "field larger than field limit" in error.message


def test_csv_bad_quoting_is_a_row_error():
    data = (HEADER + f'c1,"{TEXT}"x,CA,T,L,0,u\n' + f'c2,"{TEXT}",CA,T,L,0,u\n').encode()
    upload = parse_upload(data)
    assert [row.analysis_id for row in upload.rows] == ["c2"]
    assert only_errors(upload)[0].startswith("Row 2: CSV row is malformed")


@pytest.mark.parametrize(
    ("cell", "expected"), [("true", True), ("1", True), ("YES", True), ("no", False), ("0", False), ("", False)]
)
def test_csv_booleans(cell, expected):
    data = (HEADER + f'c1,"{TEXT}",CA,T,L,{cell},u\n').encode()
    assert parse_upload(data).rows[0].is_image_upload is expected


def test_csv_bad_boolean():
    upload = parse_upload((HEADER + f'c1,"{TEXT}",CA,T,L,maybe,u\n').encode())
    assert only_errors(upload) == ["Row 2: isImageUpload 'maybe' is not true/false/1/0/yes/no"]


def test_totals_add_up():
    upload = parse(
        body(request(1), request(2, userSelectedState="XX", extractedText=""), request(3, userSelectedState="ny"))
    )
    batch = upload.batches[0]
    assert (batch.total_rows, batch.valid_rows, batch.invalid_rows) == (3, 2, 1)
    assert batch.counts_by_state == {"CA": 1, "NY": 1}
    assert len(batch.errors) == 2
