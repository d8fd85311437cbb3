import json

from django.contrib import admin
from django.utils.html import format_html

from batches.models import Batch, BatchItem
from batches.selectors import batch_metrics


class BatchItemInline(admin.TabularInline):
    model = BatchItem
    fields = (
        "row_number",
        "analysis_id",
        "status",
        "state",
        "reason",
        "error_category",
        "attempts",
        "processing_ms",
    )
    readonly_fields = fields
    extra = 0
    max_num = 0
    show_change_link = True
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).defer("extracted_text", "analysis_results")


@admin.register(Batch)
class BatchAdmin(admin.ModelAdmin):
    list_display = ("id", "name", "status", "analyzer", "concurrency", "created_at", "finished_at")
    list_filter = ("status", "analyzer")
    search_fields = ("name", "external_id")
    readonly_fields = (
        "metrics_table",
        "external_id",
        "status",
        "status_message",
        "template_versions",
        "created_at",
        "queued_at",
        "started_at",
        "finished_at",
        "created_by",
    )
    inlines = [BatchItemInline]

    @admin.display(description="Metrics")
    def metrics_table(self, obj: Batch) -> str:
        if not obj.pk:
            return "-"
        metrics = batch_metrics(obj)
        return format_html("<pre>{}</pre>", json.dumps(metrics, indent=2))


@admin.register(BatchItem)
class BatchItemAdmin(admin.ModelAdmin):
    list_display = (
        "analysis_id",
        "batch",
        "status",
        "state",
        "reason",
        "error_category",
        "attempts",
        "processing_ms",
    )
    list_filter = ("status", "error_category", "state", "reason")
    search_fields = ("analysis_id", "user_id")
    list_select_related = ("batch",)
    readonly_fields = [f.name for f in BatchItem._meta.fields]
