"""Line splitting must be identical for whole text and streamed bytes, whatever the chunking."""

from hypothesis import given, settings
from hypothesis import strategies as st

from batches.parsing.lines import split_lines, text_chunks


def test_line_endings_and_last_line():
    assert list(split_lines(["a\r\nb\n\nc"])) == ["a\r\n", "b\n", "\n", "c"]
    assert list(split_lines([b"x\n"])) == [b"x\n"]
    assert list(split_lines([])) == []


def test_form_feed_and_line_separator_do_not_split():
    assert list(split_lines(["a\x0cb\u2028c\rd\n"])) == ["a\x0cb\u2028c\rd\n"]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab\n\r", max_size=60), st.integers(1, 7))
def test_any_chunking_gives_the_same_lines(text, size):
    expected = text.splitlines(keepends=True) if "\r" not in text else None
    lines = list(split_lines(text_chunks(text, size)))
    assert "".join(lines) == text
    assert all(line.endswith("\n") for line in lines[:-1])
    assert lines == list(split_lines([text]))
    assert [line.encode() for line in lines] == list(split_lines(text_chunks(text.encode(), size)))  # type: ignore[arg-type]
    if expected is not None:
        assert lines == expected
