"""The sliding text window the streaming JSON reader works in (jsonstream): significant
characters, one strictly decoded value at a time (json.JSONDecoder.raw_decode with
loads_strict's hooks), and the content of a JSON string a window at a time."""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from typing import Any

from .strictjson import StrictHooks

_JSON_SPACE = re.compile(r"[^ \t\n\r]")  # json's own whitespace: the next significant character


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


class TextWindow:
    """JSON text in a sliding window over text chunks; `pos` indexes `buf`."""

    def __init__(self, texts: Iterator[str]) -> None:
        self._texts = texts
        self.buf, self.pos, self.eof = "", 0, False
        self._hooks = StrictHooks()
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


def string_texts(text: TextWindow) -> Iterator[str]:
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
