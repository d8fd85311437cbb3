"""Guards for untrusted ZIP archives, checked before and while reading (pure, no disk).

Python 3.11/3.12.1 lack CPython's overlapping-entry ("quoted-overlap") zip bomb check
(gh-109858), so every limit here is our own: entry count, declared sizes, compression
ratio, overlapping entries, and the bytes actually produced while decompressing.
Nothing is ever extracted by its own name: members are read into memory within the caps.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

from .errors import UploadRejected
from .sniff import label, megabytes

READ_CHUNK = 64 * 1024
# Small members compress extremely well when they are mostly spaces; the ratio only
# matters once a member is big enough to hurt.
RATIO_MIN_BYTES = 1024 * 1024
MAX_NAME_CHARS = 255
_DRIVE = re.compile(r"^[A-Za-z]:")
ARCHIVE_EXTENSIONS = (".zip", ".gz", ".tgz", ".tar", ".7z", ".rar", ".bz2", ".xz", ".zst", ".jar")
ARCHIVE_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"\x1f\x8b", b"7z\xbc\xaf\x27\x1c", b"Rar!\x1a\x07", b"BZh", b"\xfd7zXZ")


@dataclass(frozen=True)
class ZipLimits:
    """Caps for one ZIP upload (callers pass settings.ZIP_MAX_*; these defaults mirror base.py)."""

    max_entries: int = 1000
    max_total_bytes: int = 200 * 1024 * 1024
    max_entry_bytes: int = 25 * 1024 * 1024
    max_ratio: int = 100


def reject(message: str, code: str) -> UploadRejected:
    return UploadRejected(message, code=code)


def entry_label(name: str) -> str:
    """An entry name as messages show it: escaped (NUL, control characters) and short."""
    return ascii(name if len(name) <= 80 else name[:77] + "...")


def open_archive(data: bytes, *, filename: str) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise reject(f"{label(filename)} is not a readable ZIP archive ({exc})", "zip_invalid") from None


def check_archive(infos: list[zipfile.ZipInfo], *, filename: str, limits: ZipLimits) -> None:
    """Everything that can be judged from the central directory, before reading a byte."""
    if len(infos) > limits.max_entries:
        raise reject(
            f"{label(filename)} has {len(infos):,} entries; the limit is {limits.max_entries:,}", "zip_too_many_entries"
        )
    seen: set[str] = set()
    total = 0
    for info in infos:
        # orig_filename: zipfile cuts `filename` at a NUL byte, which would hide it.
        check_name(info.orig_filename, filename=filename)
        if info.filename in seen:
            raise reject(f"{label(filename)}: entry {entry_label(info.filename)} appears twice", "zip_duplicate")
        seen.add(info.filename)
        check_entry(info, filename=filename, limits=limits)
        total += info.file_size
        if total > limits.max_total_bytes:
            raise reject(
                f"{label(filename)} would expand to more than {megabytes(limits.max_total_bytes)} "
                f"(the limit for a ZIP's total uncompressed size)",
                "zip_too_large",
            )
    check_overlap(infos, filename=filename)


def check_name(name: str, *, filename: str) -> None:
    """Reject names that could escape a directory if anyone ever used them as paths."""
    problem = _name_problem(name)
    if problem:
        raise reject(f"{label(filename)}: entry {entry_label(name)} is refused: {problem}", "zip_unsafe_name")


def _name_problem(name: str) -> str | None:
    if "\x00" in name:
        return "its name contains a NUL byte"
    if any(ord(char) < 32 or ord(char) == 127 for char in name):
        return "its name contains a control character"
    if len(name) > MAX_NAME_CHARS:
        return f"its name is longer than {MAX_NAME_CHARS} characters"
    if "\\" in name:
        return "its name contains a backslash"
    if name.startswith("/"):
        return "it is an absolute path"
    if _DRIVE.match(name):
        return "its name starts with a drive letter"
    if ".." in name.split("/"):
        return "its name contains '..' (path traversal)"
    return None


def check_entry(info: zipfile.ZipInfo, *, filename: str, limits: ZipLimits) -> None:
    name = entry_label(info.filename)
    if info.flag_bits & 0x1:
        raise reject(
            f"{label(filename)}: entry {name} is encrypted; upload the documents without a password", "zip_encrypted"
        )
    if info.filename.lower().endswith(ARCHIVE_EXTENSIONS):
        raise reject(f"{label(filename)}: entry {name} is an archive; nested archives are not accepted", "zip_nested")
    if info.file_size > limits.max_entry_bytes:
        raise reject(
            f"{label(filename)}: entry {name} declares {megabytes(info.file_size)} uncompressed; "
            f"the limit per file is {megabytes(limits.max_entry_bytes)}",
            "zip_entry_too_large",
        )
    ratio = info.file_size / max(info.compress_size, 1)
    if info.file_size >= RATIO_MIN_BYTES and ratio > limits.max_ratio:
        raise reject(
            f"{label(filename)}: entry {name} expands {ratio:,.0f} times (limit {limits.max_ratio}); "
            "this looks like a ZIP bomb",
            "zip_ratio",
        )


def check_overlap(infos: list[zipfile.ZipInfo], *, filename: str) -> None:
    """Entries whose data overlap (one compressed stream reused by many entries) are a bomb."""
    ordered = sorted(infos, key=lambda info: info.header_offset)
    for current, following in zip(ordered, ordered[1:], strict=False):
        # 30 bytes is the fixed part of a local file header; name and extra only add to it.
        if current.header_offset + 30 + current.compress_size > following.header_offset:
            raise reject(
                f"{label(filename)}: entries {entry_label(current.filename)} and {entry_label(following.filename)} "
                "overlap; this looks like a ZIP bomb",
                "zip_overlap",
            )


def read_capped(archive: zipfile.ZipFile, info: zipfile.ZipInfo, *, cap: int, filename: str) -> bytes:
    """The member's bytes, decompressing at most `cap` + 1 of them: headers can lie."""
    name = entry_label(info.filename)
    try:
        with archive.open(info) as member:
            data = read_stream(member, cap=cap, what=f"{label(filename)}: entry {name}")
    except zipfile.BadZipFile as exc:
        raise reject(
            f"{label(filename)}: entry {name} does not match its header or is damaged ({exc})", "zip_invalid"
        ) from None
    except (RuntimeError, NotImplementedError, EOFError, OSError) as exc:
        raise reject(f"{label(filename)}: entry {name} cannot be read ({exc})", "zip_invalid") from None
    if len(data) != info.file_size:
        raise reject(
            f"{label(filename)}: entry {name} declares {info.file_size:,} bytes but contains {len(data):,}",
            "zip_invalid",
        )
    return data


def read_stream(stream, *, cap: int, what: str) -> bytes:
    """Read a decompressing stream chunk by chunk and stop as soon as it passes `cap`."""
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = stream.read(min(READ_CHUNK, cap + 1 - total))
        if not chunk:
            return b"".join(chunks)
        total += len(chunk)
        if total > cap:
            raise reject(f"{what} produced more than {cap:,} bytes while decompressing; refused", "zip_too_large")
        chunks.append(chunk)
