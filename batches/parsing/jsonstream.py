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

from collections.abc import Iterator
from typing import Any

from .errors import UploadRejected
from .formats import body_requests, list_items
from .jsonwindow import TextWindow, Unstreamable, string_texts, utf8_texts
from .results import BatchEnd, BatchStart, UploadEvent

__all__ = ["DocumentReader", "Unstreamable"]

_STREAMED: Any = object()  # stands for a container value already streamed


class DocumentReader:
    """Events of one JSON document; `upload` is api.UploadState (limits, validator, budget)."""

    def __init__(self, chunks: Iterator[bytes], *, upload) -> None:
        self.text = TextWindow(utf8_texts(chunks))
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
        outer, self.text = self.text, TextWindow(string_texts(self.text))
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
