"""Read-only admin for the original documents of items (issue 8), in its own module so the
batch admin stays with its owners. Registered from BatchesConfig.ready.

To show the document on the item page, the batch admin adds `ItemDocumentInline` to
`BatchItemAdmin.inlines` (a read-only box: original file link, method, confidence, error)."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import FileResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html

from batches.models import ItemDocument

CONTENT_TYPES = {"pdf": "application/pdf", "png": "image/png", "jpg": "image/jpeg", "tif": "image/tiff"}


@admin.register(ItemDocument)
class ItemDocumentAdmin(admin.ModelAdmin):
    list_display = ("id", "item_link", "kind", "original_name", "size", "extraction_method", "confidence", "failed")
    list_filter = ("kind", "extraction_method")
    search_fields = ("=item__analysis_id", "=sha256")
    list_select_related = ("item",)
    show_full_result_count = False
    fields = (
        "item_link",
        "download",
        "original_name",
        "kind",
        "size",
        "sha256",
        "page_count",
        "extraction_method",
        "extraction_confidence",
        "extracted_at",
        "extraction_error",
        "created_at",
    )
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False  # documents arrive with an upload, never by hand

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def get_urls(self):
        view = self.admin_site.admin_view(self.file_view)
        return [path("<path:object_id>/file/", view, name="batches_itemdocument_file"), *super().get_urls()]

    def file_view(self, request, object_id):
        """The original file, to staff who may view documents; never under its uploaded name."""
        document = get_object_or_404(ItemDocument, pk=object_id)
        if not self.has_view_permission(request, document):
            raise PermissionDenied
        try:
            handle = default_storage.open(document.file.name, "rb")
        except (FileNotFoundError, OSError):
            self.message_user(request, "The stored file is missing.", messages.ERROR)
            return HttpResponseRedirect(reverse("admin:batches_itemdocument_change", args=[document.pk]))
        extension = document.file.name.rsplit(".", 1)[-1]
        return FileResponse(
            handle,
            as_attachment=document.kind == "pdf",
            filename=f"item-{document.item_id}.{extension}",
            content_type=CONTENT_TYPES.get(extension, "application/octet-stream"),
        )

    @admin.display(description="Item")
    def item_link(self, obj: ItemDocument) -> str:
        url = reverse("admin:batches_batchitem_change", args=[obj.item_id])
        return format_html('<a href="{}">Item #{}</a>', url, obj.item_id)

    @admin.display(description="Original file")
    def download(self, obj: ItemDocument) -> str:
        return download_link(obj)

    @admin.display(description="Confidence")
    def confidence(self, obj: ItemDocument) -> str:
        return "" if obj.extraction_confidence is None else f"{obj.extraction_confidence:.0%}"

    @admin.display(description="Failed", boolean=True)
    def failed(self, obj: ItemDocument) -> bool:
        return bool(obj.extraction_error)


class ItemDocumentInline(admin.StackedInline):
    """The item's original file and how its text was extracted, on the BatchItem page."""

    model = ItemDocument
    can_delete = False
    extra = 0
    max_num = 0
    fields = (
        "download",
        "original_name",
        "kind",
        "page_count",
        "extraction_method",
        "extraction_confidence",
        "extracted_at",
        "extraction_error",
    )
    readonly_fields = fields
    verbose_name = "original document"

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description="Original file")
    def download(self, obj: ItemDocument) -> str:
        return download_link(obj)


def download_link(obj: ItemDocument) -> str:
    url = reverse("admin:batches_itemdocument_file", args=[obj.pk])
    return format_html('<a href="{}">Open the original ({} bytes)</a>', url, obj.size)
