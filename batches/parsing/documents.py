"""DocumentRef: a notice that arrived as a file inside a ZIP, held in memory until it is stored."""

from __future__ import annotations

from dataclasses import dataclass, field

# Extension -> kind. The content is sniffed too: the extension alone never decides.
EXTENSION_KINDS = {
    ".pdf": "pdf",
    ".png": "image",
    ".jpg": "image",
    ".jpeg": "image",
    ".tif": "image",
    ".tiff": "image",
}
# Extension -> the magic bytes its content must start with.
EXTENSION_MAGIC = {
    ".pdf": (b"%PDF-",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".tif": (b"II*\x00", b"MM\x00*"),
    ".tiff": (b"II*\x00", b"MM\x00*"),
}
# What a stored copy is called (by content type, never by the member's own name).
STORED_EXTENSIONS = {".pdf": "pdf", ".png": "png", ".jpg": "jpg", ".jpeg": "jpg", ".tif": "tif", ".tiff": "tif"}


@dataclass(frozen=True)
class DocumentRef:
    """One PDF or image member of a ZIP upload.

    `member_name` is the escaped (ascii()) archive name, for display only: it is never used
    as a path. `extension` is the stored file's extension chosen from the sniffed type.
    `data` stays out of repr so a logged row never dumps a document."""

    member_name: str
    kind: str  # "pdf" | "image"
    extension: str  # "pdf" | "png" | "jpg" | "tif"
    size: int
    sha256: str
    data: bytes = field(repr=False, compare=False)
