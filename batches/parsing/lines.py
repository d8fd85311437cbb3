"""Splitting text or bytes into lines ending in '\\n', chunk by chunk, at C speed.

Only '\\n' ends a line (a '\\r\\n' ending stays on the line for csv to handle), so parse_upload
and parse_stream number lines identically. io.StringIO would also split, but it copies the
text into a 4-bytes-per-character buffer; str.splitlines would split on form feeds and
U+2028 inside CSV fields."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import chain
from typing import AnyStr

CHUNK = 1 << 20


def text_chunks(text: str, size: int = CHUNK) -> Iterator[str]:
    return (text[start : start + size] for start in range(0, len(text), size))


def split_lines(chunks: Iterable[AnyStr]) -> Iterator[AnyStr]:
    """Lines with their '\\n' (the last may lack one), from chunks of any size."""
    return chain.from_iterable(_line_batches(iter(chunks)))


def _line_batches(chunks: Iterator[AnyStr]) -> Iterator[list[AnyStr]]:
    first = next(chunks, None)
    if first is None:
        return
    newline = first[:0] + (b"\n" if isinstance(first, bytes) else "\n")  # type: ignore[operator]
    carry: list[AnyStr] = []  # pieces of an unfinished line; joined once, so long lines stay linear
    for chunk in chain([first], chunks):
        lines = chunk.split(newline)
        if len(lines) > 1:
            lines[0] = first[:0].join([*carry, lines[0]])
            carry = []
        carry.append(lines.pop())
        yield [line + newline for line in lines]
    last = first[:0].join(carry)
    if last:
        yield [last]
