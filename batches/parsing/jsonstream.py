"""A JSON document (SQS event, batch body or JSON list) read one request at a time.

The containers (the top object, `Records`, each Record, its `body`, `batchRequests`) are
walked here; every other value, and each request, is decoded on its own with the same
strict hooks as loads_strict (json.JSONDecoder.raw_decode over a sliding text buffer).
So memory holds one request plus one read chunk, never the file.

The reader only has to *notice* a file-level fault (bad UTF-8, bad or truncated JSON,
a duplicate key, NaN, a container of the wrong shape, too many requests): it raises
`Unstreamable`, and the caller re-parses the file whole with parse_upload, which names the
fault exactly as it always has (and chooses between several faults the same way).
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from typing import Any

from .errors import UploadRejected
from .formats import body_requests, list_items
from .results import BatchEnd, BatchStart, UploadEvent
from .strictjson import _Hooks

_JSON_SPACE = re.compile(r"[^ \t\n\r]")  # json's own whitespace: the next significant character
_STREAMED: Any = object()  # stands for a container value already streamed


class Unstreamable(Exception):
    """The file has a fault the streaming reader does not describe; parse it whole."""


def utf8_texts(chunks: Iterator[bytes]) -> Iterator[str]:
    """Strict UTF-8 text of the byte chunks (a leading BOM dropped); bad bytes are a fault."""
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    first = True
    try:
        for data in chunks:
            if first and data.startswith(codecs.BOM_UTF8):
                data = data[3:]
            first = False
            yield decoder.decode(data)
        yield decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        raise Unstreamable from None


class _Text:
    """JSON text in a sliding window over text chunks; `pos` indexes `buf`."""

    def __init__(self, texts: Iterator[str]) -> None:
        self._texts = texts
        self.buf, self.pos, self.eof = "", 0, False
        self._hooks = _Hooks()
        self._json = json.JSONDecoder(
            object_pairs_hook=self._hooks.pairs, parse_constant=self._hooks.constant, parse_float=self._hooks.number
        )

    def _more(self, want: int = 1) -> bool:
        """Append at least `want` more characters (or up to the end); False at the end."""
        pieces, got = [self.buf[self.pos :]], 0
        while got < want and not self.eof:
            text = next(self._texts, None)
            if text is None:
                self.eof = True
                break
            pieces.append(text)
            got += len(text)
        self.buf, self.pos = "".join(pieces), 0
        return got > 0

    def peek(self) -> str:
        """The next significant character ('' at the end), skipping JSON whitespace."""
        while True:
            match = _JSON_SPACE.search(self.buf, self.pos)
            if match:
                self.pos = match.start()
                return self.buf[self.pos]
            self.pos = len(self.buf)
            if not self._more():
                return ""

    def take(self, char: str) -> None:
        if self.peek() != char:
            raise Unstreamable
        self.pos += 1

    def value(self) -> Any:
        """The next JSON value, decoded strictly."""
        self.peek()
        while True:
            try:
                value, end = self._json.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError as exc:
                # An error well before the window's end is real; near it, the value may be cut.
                if exc.pos < len(self.buf) - 16 and not exc.msg.startswith("Unterminated string"):
                    raise Unstreamable from None
                end = -1
            except (ValueError, RecursionError):  # too deep, or a number with too many digits
                raise Unstreamable from None
            # A value touching the end of the window may continue (a number, or a cut string).
            if 0 <= end < len(self.buf) or (end >= 0 and self.eof):
                break
            if self.eof:
                raise Unstreamable
            self._more(want=max(1 << 16, len(self.buf) - self.pos))  # grow geometrically: linear time
        if self._hooks.flagged:
            raise Unstreamable  # duplicate key or non-finite number: parse_upload names its JSON path
        self.pos = end
        return value

    def items(self) -> Iterator[Any]:
        """Values of the array whose '[' is next."""
        self.take("[")
        if self.peek() == "]":
            self.pos += 1
            return
        while True:
            yield self.value()
            if self.separator("]"):
                return

    def members(self) -> Iterator[str]:
        """Keys of the object whose '{' is next; the caller reads each value before the next key.
        A repeated key is a fault."""
        self.take("{")
        if self.peek() == "}":
            self.pos += 1
            return
        seen: set[str] = set()
        while True:
            if self.peek() != '"':
                raise Unstreamable
            key = self.value()
            if key in seen:
                raise Unstreamable
            seen.add(key)
            self.take(":")
            yield key
            if self.separator("}"):
                return

    def separator(self, closing: str) -> bool:
        char = self.peek()
        self.pos += 1
        if char == ",":
            return False
        if char == closing:
            return True
        raise Unstreamable

    def finish(self) -> None:
        if self.peek() != "":
            raise Unstreamable  # extra data after the document


class DocumentReader:
    """Events of one JSON document; `upload` is api._Upload (limits, validator, budget)."""

    def __init__(self, chunks: Iterator[bytes], *, upload) -> None:
        self.text = _Text(utf8_texts(chunks))
        self.upload = upload

    def events(self) -> Iterator[UploadEvent]:
        """Raises Unstreamable on any fault, and also when the top-level object holds neither
        container (a single request on one line is JSON Lines: parse_upload decides), which
        is always before the first event."""
        first = self.text.peek()
        if first == "[":
            yield from self._list()
        elif first == "{":
            yield from self._object()
        else:
            raise Unstreamable
        self.text.finish()

    def _list(self) -> Iterator[UploadEvent]:
        yield BatchStart("json-list")
        yield from self._requests(self._numbered(self.text.items()), record_index=None)
        yield BatchEnd(None, self._count)

    def _object(self) -> Iterator[UploadEvent]:
        seen: dict[str, Any] = {}
        for key in self.text.members():
            if key == "Records" and "batchRequests" not in seen:
                seen[key] = _STREAMED
                yield from self._records()
            elif key == "batchRequests" and "Records" not in seen:
                # The top object is the body; the rest of it is read there (a later "Records" is a fault).
                yield from self._body_rest(seen, where="", record_index=None, fmt="body")
                return
            elif key in ("Records", "batchRequests"):
                raise Unstreamable  # both: parse_upload rejects the ambiguity
            else:
                seen[key] = self.text.value()
        if "Records" not in seen:
            raise Unstreamable

    def _records(self) -> Iterator[UploadEvent]:
        if self.text.peek() != "[":
            raise Unstreamable  # "Records must be a non-empty list"
        index = -1
        for index, _ in enumerate(self._record_starts()):
            yield from self._record(index)
        if index < 0:
            raise Unstreamable

    def _record_starts(self) -> Iterator[None]:
        """Positions the reader at each Record in turn (the caller reads the record)."""
        text = self.text
        text.take("[")
        if text.peek() == "]":
            text.pos += 1
            return
        while True:
            yield None
            if text.separator("]"):
                return

    def _record(self, index: int) -> Iterator[UploadEvent]:
        if self.text.peek() != "{":
            raise Unstreamable  # "Records[i] has no body"
        has_body = False
        for key in self.text.members():
            if key != "body":
                self.text.value()  # other SQS attributes: checked as JSON, then ignored
                continue
            has_body = True
            if self.text.peek() == "{":
                yield from self._body_object(where=f"Records[{index}].body", record_index=index)
            elif self.text.peek() == '"':
                yield from self._string_body(index)
            else:
                raise Unstreamable  # "body must be an object or a JSON string holding one"
        if not has_body:
            raise Unstreamable

    def _string_body(self, index: int) -> Iterator[UploadEvent]:
        """The seed's form: the body is a JSON string holding the body document. Its text is
        unescaped a window at a time and read by a nested reader, so it is never whole either."""
        outer, self.text = self.text, _Text(string_texts(self.text))
        try:
            if self.text.peek() != "{":
                raise Unstreamable
            yield from self._body_object(where=f"Records[{index}].body", record_index=index)
            self.text.finish()  # also reads the string up to its closing quote
        finally:
            self.text = outer

    def _body_object(self, *, where: str, record_index: int) -> Iterator[UploadEvent]:
        seen: dict[str, Any] = {}
        self.text.take("{")
        if self.text.peek() == "}":
            self.text.pos += 1
        else:
            while True:
                key = self._key(seen, forbidden=())
                if key == "batchRequests":
                    yield from self._body_rest(seen, where=where, record_index=record_index, fmt="sqs-event")
                    return
                seen[key] = self.text.value()
                if self.text.separator("}"):
                    break
        self._check_body(seen, where, has_requests=False)

    def _key(self, seen: dict, *, forbidden: tuple[str, ...]) -> str:
        text = self.text
        if text.peek() != '"':
            raise Unstreamable
        key = text.value()
        if key in seen or key in forbidden:
            raise Unstreamable
        text.take(":")
        return key

    def _body_rest(self, seen: dict, *, where: str, record_index, fmt: str) -> Iterator[UploadEvent]:
        """From the value of `batchRequests` to the end of its body object (the top object
        for fmt "body", where a "Records" key would be ambiguous)."""
        if self.text.peek() != "[":
            raise Unstreamable  # "batchRequests must be a list"
        yield BatchStart(fmt, record_index)
        yield from self._requests(self._numbered(self.text.items()), record_index=record_index)
        count = self._count
        seen["batchRequests"] = _STREAMED
        forbidden = ("Records",) if fmt == "body" else ()
        while not self.text.separator("}"):
            key = self._key(seen, forbidden=forbidden)
            seen[key] = self.text.value()
        yield BatchEnd(self._check_body(seen, where, has_requests=count > 0), count)

    def _check_body(self, seen: dict, where: str, *, has_requests: bool) -> str | None:
        stub = {key: value for key, value in seen.items() if value is not _STREAMED}
        if "batchRequests" in seen:
            stub["batchRequests"] = [None] if has_requests else []
        try:
            batch_id, _ = body_requests(stub, where=where)
        except UploadRejected:
            raise Unstreamable from None
        return batch_id

    def _requests(self, items, *, record_index) -> Iterator[UploadEvent]:
        self._count = 0
        for result in self.upload.results(items, record_index=record_index):
            self._count += 1
            yield result

    def _numbered(self, values: Iterator[Any]):
        budget = self.upload.budget
        for row, value in list_items(values):
            try:
                budget.take()
            except UploadRejected:
                raise Unstreamable from None
            yield row, value


_HIGH = r"u[dD][89abAB][0-9a-fA-F]{2}"
_ESCAPE = (
    r"\\(?:[\"\\/bfnrt]"
    r"|u(?![dD][89abAB])[0-9a-fA-F]{4}"
    rf"|{_HIGH}\\u[dD][c-fC-F][0-9a-fA-F]{{2}}"  # a surrogate pair is never cut in two
    # a lone high surrogate, only once what follows it is seen not to be its low half
    rf"|{_HIGH}(?=[^\\]|\\[^u]|\\u(?![dD][c-fC-F])[0-9a-fA-F]{{4}}))"
)
_PLAIN = r"[^\"\\\x00-\x1f]*"
# The longest prefix of a JSON string's body made of whole characters and whole escapes.
_WHOLE = re.compile(f"{_PLAIN}(?:{_ESCAPE}{_PLAIN})*")


def string_texts(text: _Text) -> Iterator[str]:
    """The decoded content of the JSON string whose opening quote is next in `text`, a window
    at a time (json's own scanstring decodes each piece, so escapes mean what they mean to
    json.loads); ends after consuming the closing quote."""
    text.take('"')
    while True:
        end = _WHOLE.match(text.buf, text.pos).end()
        if end > text.pos:
            yield json.decoder.scanstring(f'"{text.buf[text.pos : end]}"', 1)[0]
            text.pos = end
        if text.pos < len(text.buf) and text.buf[text.pos] == '"':
            text.pos += 1
            return
        if len(text.buf) - text.pos >= 12 or not text._more():
            raise Unstreamable  # a control character, a bad escape, or the file ends in the string
