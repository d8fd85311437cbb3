"""Upload parsing for batch files: pure functions, no ORM, no settings.

    parse_upload(data, *, filename, max_items, max_text_chars, max_bytes) -> ParsedUpload
    parse_stream(fileobj, *, ...same...) -> ParsedUpload    # read from the open file
    stream_upload(fileobj, *, ...same...) -> Iterator[UploadEvent]  # one row at a time (ingest)

Both raise UploadRejected when the whole file is unusable (nothing may be stored; `.message`
for staff, `.code` for machines) and otherwise return every row either as a valid RequestRow
or as RowErrors naming its row; ParsedBatch/ParsedUpload count the totals. parse_stream
returns exactly what parse_upload would for the same bytes (a property test checks it).
Callers pass settings.UPLOAD_MAX_BYTES, UPLOAD_MAX_ITEMS and NOTICE_MAX_CHARS.

File-level rejections: empty/whitespace-only; over max_bytes; PNG/JPEG/GIF/PDF/TIFF/
archives by magic bytes (a ZIP of documents is parsed instead, see zipformat); not UTF-8 (UTF-16/32 need a BOM),
naming the first undecodable byte; malformed/truncated JSON (line, column); nesting too
deep; NaN/Infinity/1e999; duplicate keys (JSON path); numbers over 4300 digits; more than
max_items requests; containers of the wrong shape; CSV without the required columns.

Formats are detected from content; the filename is used only in messages:
- "sqs-event": {"Records": [{"body": {...} or "<JSON string>"}]}, one batch per Record;
- "body": {"batchId", "batchProcessing", "batchRequests": [...]};
- "json-list": [request, ...]  (row = 1-based index, as for batchRequests);
- "jsonl": one request object per line (row = line number; blank lines skipped);
- "csv": header row + records (row = line number where the record starts); see csvformat.
- "zip": documents (.txt/.pdf/.png/.jpg/.tif) + optional manifest.csv (row = entry number);
  PDF/image rows carry a DocumentRef and empty text; limits in zipsafety.ZipLimits.

Policies:
- JSON Lines: each line is its own document, so a line that is not valid JSON (including
  duplicate keys, NaN or excessive nesting in that line) is a row error for that line.
  In a single JSON document the same faults reject the whole file.
- Duplicate analysisId (after trimming spaces), anywhere in the file, across Records too:
  the first occurrence stands, each later one is a row error naming the first's row.
- Unknown request fields in JSON are ignored (the seed may add fields); a case-only near
  miss such as 'analysisID' is named in the "missing" message.
- An object with both 'Records' and 'batchRequests' is rejected (which one was meant?).
- Streaming reads a JSON document request by request; a first line over 4 MB that starts
  with '{' is read as one document (parse_upload would also look at a second line).
- An empty container (no Records, empty batchRequests, a CSV with only a header) rejects
  the file: it is always a mistake.
- CSV cells are limited to csv.field_size_limit() (131,072 characters by default; the
  process-wide limit is deliberately not raised). A longer cell is a row error; long
  notices belong in JSON.
- Formula-looking cells (=, +, -, @) are stored as given and never evaluated; escaping
  them is the exporter's job.
"""

from .api import DEFAULT_MAX_BYTES, DEFAULT_MAX_ITEMS, DEFAULT_MAX_TEXT_CHARS, parse_upload
from .documents import DocumentRef
from .errors import RowError, UploadRejected
from .results import BatchEnd, BatchStart, ParsedBatch, ParsedUpload, RequestRow, UploadEvent
from .states import US_STATES, normalize_state
from .stream import collect, parse_stream, spooled_copy, stream_upload
from .zipsafety import ZipLimits

__all__ = [
    "BatchEnd",
    "BatchStart",
    "UploadEvent",
    "collect",
    "spooled_copy",
    "stream_upload",
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_ITEMS",
    "DEFAULT_MAX_TEXT_CHARS",
    "DocumentRef",
    "US_STATES",
    "ParsedBatch",
    "ParsedUpload",
    "RequestRow",
    "RowError",
    "UploadRejected",
    "ZipLimits",
    "normalize_state",
    "parse_stream",
    "parse_upload",
]
