"""Regenerate the awkward upload fixtures in this folder: `python tests/data/uploads/make_fixtures.py`.

The files are committed; this script documents exactly which bytes each one holds."""

import io
import json
import struct
import zipfile
import zlib
from pathlib import Path

HERE = Path(__file__).parent
SAMPLE = Path("/work/shared/samples/batch-sqs-event.json")
TEXT = "NOTICE TO PAY RENT OR QUIT. Rent of $1,200.00 is due within 3 days. Résumé café."
BODY = {
    "batchProcessing": True,
    "batchId": "batch_fixture",
    "batchRequests": [
        {
            "analysisId": "fx_001",
            "extractedText": TEXT,
            "userSelectedState": "CA",
            "userFormData": {"tenantName": "Tenant A. Sample", "landlordName": "Owner Q. Example"},
            "isImageUpload": False,
            "userId": "user_1",
        }
    ],
}
CSV_HEADER = "analysisId,extractedText,userSelectedState,tenantName,landlordName,isImageUpload,userId\r\n"


def tiny_png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00\x00")) + chunk(b"IEND", b"")
    )


def tiny_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notice1.pdf", b"%PDF-1.4 fake")
    return buffer.getvalue()


def main() -> None:
    body = json.dumps(BODY, ensure_ascii=False, indent=2)
    files = {
        "body_utf16le_bom.json": b"\xff\xfe" + body.encode("utf-16-le"),
        "body_utf16be_bom.json": b"\xfe\xff" + body.encode("utf-16-be"),
        "body_utf8_bom.json": b"\xef\xbb\xbf" + body.encode("utf-8"),
        "body_latin1.json": body.encode("latin-1"),
        "tiny_png_renamed.json": tiny_png(),
        "fake_pdf_renamed.json": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n",
        "documents.zip": tiny_zip(),
        "truncated_event.json": SAMPLE.read_bytes()[:5000],
        "duplicate_key_body.json": body.replace(
            '"userId": "user_1"', '"userId": "user_1", "userId": "user_2"'
        ).encode(),
        "nan_body.json": body.replace('"isImageUpload": false', '"isImageUpload": false, "score": NaN').encode(),
        "excel_bom_semicolon.csv": b"\xef\xbb\xbf"
        + CSV_HEADER.replace(",", ";").encode()
        + f'x_001;"{TEXT}";ny;Tenant A;Owner Q;no;u1\r\n'.encode(),
        "nul_in_cell.csv": (
            CSV_HEADER
            + f'n_001,"{TEXT}",CA,Ten\x00ant,Owner,false,u1\r\n'
            + f'n_002,"{TEXT[:20]}\x00{TEXT[20:]}",CA,Tenant,Owner,false,u2\r\n'
            + f'n_003,"{TEXT}",CA,Tenant,Owner,false,u3\r\n'
        ).encode(),
        "ragged.csv": (
            CSV_HEADER
            + f'r_001,"{TEXT}",CA,T,O,false,u1\r\n'
            + "r_002,only two\r\n"
            + f'r_003,"{TEXT}",CA,T,O,false,u3,surplus\r\n'
            + f'r_004,"{TEXT}",TX,T,O,true,u4\r\n'
        ).encode(),
        "formula_cells.csv": (
            CSV_HEADER + f'f_001,"{TEXT}",CA,"=HYPERLINK(""http://x"",""y"")",@SUM(A1),0,-1+2\r\n'
        ).encode(),
        "latin1.csv": (CSV_HEADER + f'l_001,"{TEXT}",CA,Tenant,Owner,false,u1\r\n').encode("latin-1"),
        "bad_line.jsonl": b"".join(
            line.encode() + b"\n"
            for line in (
                json.dumps({"analysisId": "j1", "extractedText": TEXT, "userSelectedState": "CA"}),
                '{"analysisId": "j2", "extractedText": "unterminated',
                "",
                json.dumps({"analysisId": "j3", "extractedText": TEXT, "userSelectedState": "XX"}),
                json.dumps({"analysisId": "j4", "extractedText": TEXT}),
            )
        ),
    }
    for name, data in files.items():
        (HERE / name).write_bytes(data)


if __name__ == "__main__":
    main()
