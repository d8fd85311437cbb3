"""Batches in the admin. This module declares; `admin_views` renders the custom pages and
`services.admin_actions` performs every action (one call each)."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.views.main import ChangeList
from django.contrib.auth.views import redirect_to_login
from django.db.models import Prefetch, Q
from django.urls import path, reverse
from django.utils.html import format_html
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from batches import admin_upload, admin_views
from batches.admin_display import item_display
from batches.admin_documents import ItemDocumentInline
from batches.analysis.schema import REASONS
from batches.models import Batch, BatchItem, BatchStatus, ItemStatus
from batches.parsing import US_STATES
from batches.selectors import batches_progress
from batches.services import admin_actions, lifecycle


class BatchPermissions:
    """The custom Batch permissions, usable from both admins (`allowed_permissions`)."""

    def has_launch_permission(self, request) -> bool:
        return request.user.has_perm("batches.launch_batch")

    def has_retry_permission(self, request) -> bool:
        return request.user.has_perm("batches.retry_items")

    def has_export_permission(self, request) -> bool:
        return request.user.has_perm("batches.export_results")


@admin.register(Batch)
class BatchAdmin(BatchPermissions, admin.ModelAdmin):
    list_display = ("id", "name", "status", "progress", "analyzer", "concurrency", "created_at", "finished_at")
    list_display_links = ("id", "name")
    list_filter = ("status", "analyzer")
    search_fields = ("name", "=external_id")
    list_select_related = ("created_by",)
    show_full_result_count = False
    list_per_page = 50
    fields = ("name", "concurrency", "analyzer", "source_name", "source_format", "external_id", "created_by")
    readonly_fields = ("analyzer", "source_name", "source_format", "external_id", "created_by")
    actions = ["launch_batches", "cancel_batches", "resume_batches", "retry_failed_items", "export_csv", "export_jsonl"]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("template_versions")

    def get_changelist(self, request, **kwargs):
        return BatchChangeList

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.status != BatchStatus.DRAFT:
            return (*self.readonly_fields, "concurrency")  # a running batch's pool is already sized
        return self.readonly_fields

    @admin.display(description="Progress")
    def progress(self, obj: Batch) -> str:
        progress = getattr(obj, "item_progress", None)
        if not progress:
            return "-"
        return format_html("{} / {} ({}%)", progress["done"], progress["total"], progress["percent"])

    # --- routes ---------------------------------------------------------------------------

    def get_urls(self):
        wrap = self.admin_site.admin_view
        upload = csrf_exempt(self._upload_view)  # the view CSRF-checks after its size check
        custom = [
            path("add/", wrap(upload), name="batches_batch_add"),
            path("metrics/", wrap(self._metrics_view), name="batches_batch_metrics"),
            path("<path:object_id>/progress/", self._progress_view, name="batches_batch_progress"),
            path(
                "<path:object_id>/export/<str:fmt>/",
                wrap(self._export_view),
                name="batches_batch_export",
            ),
        ]
        return custom + super().get_urls()  # before the default <path:object_id>/ routes

    def _upload_view(self, request):
        return admin_upload.batch_upload_view(self, request)

    def _metrics_view(self, request):
        return admin_views.batch_metrics_dashboard(self, request)

    def _progress_view(self, request, object_id):
        # 302 to the login page for anonymous users; 403 (not a redirect) for signed-in
        # users who are not staff or may not view batches: the poller must not follow a login page.
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("admin:login"))
        return admin_views.batch_progress_view(self, request, object_id)

    def _export_view(self, request, object_id, fmt):
        return admin_views.batch_export_view(self, request, object_id, fmt)

    # --- pages ----------------------------------------------------------------------------

    def add_view(self, request, form_url="", extra_context=None):
        # Reached only through code calling add_view directly; the URL goes to _upload_view.
        return csrf_protect(self._upload_view)(request)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        batch = self.get_object(request, object_id)
        extra = dict(extra_context or {})
        if batch is not None:
            extra.update(admin_views.batch_page_context(self, request, batch))
        return super().change_view(request, object_id, form_url, extra_context=extra)

    # --- actions (confirm -> one service call -> message -> changelist) ---------------------

    @admin.action(description="Launch selected draft batches", permissions=["launch"])
    def launch_batches(self, request, queryset):
        return admin_views.action_confirm(
            self,
            request,
            queryset,
            action="launch_batches",
            title="Launch batches",
            intro="These draft batches will be queued for the workers:",
            eligible=_plain(queryset).filter(status=BatchStatus.DRAFT),
            perform=lambda ids, form: f"Launched {admin_actions.batches_launch(batch_ids=ids)} batch(es).",
        )

    @admin.action(description="Cancel selected batches", permissions=["launch"])
    def cancel_batches(self, request, queryset):
        def perform(ids, form):
            batches, items = admin_actions.batches_cancel(batch_ids=ids)
            return f"Cancelled {batches} batch(es); {items} pending item(s) cancelled. Items in flight will finish."

        return admin_views.action_confirm(
            self,
            request,
            queryset,
            action="cancel_batches",
            title="Cancel batches",
            intro="These batches will stop: items being analysed now finish, pending items become cancelled.",
            eligible=_plain(queryset).filter(status__in=lifecycle.CANCELLABLE),
            perform=perform,
        )

    @admin.action(description="Resume selected paused batches", permissions=["launch"])
    def resume_batches(self, request, queryset):
        return admin_views.action_confirm(
            self,
            request,
            queryset,
            action="resume_batches",
            title="Resume batches",
            intro="These paused batches will be queued again; only their unfinished items are processed.",
            eligible=_plain(queryset).filter(status=BatchStatus.PAUSED),
            perform=lambda ids, form: f"Resumed {admin_actions.batches_resume(batch_ids=ids)} batch(es).",
        )

    @admin.action(description="Retry all failed items of selected batches", permissions=["retry"])
    def retry_failed_items(self, request, queryset):
        def perform(ids, form):
            count = admin_actions.batches_retry_failed(batch_ids=ids, latest_templates=form.latest_templates)
            return f"Queued {count} failed item(s) for another attempt."

        return admin_views.action_confirm(
            self,
            request,
            queryset,
            action="retry_failed_items",
            title="Retry failed items",
            intro="Every failed item of these batches goes back to pending and the batches are queued again:",
            eligible=_plain(queryset).filter(items__status=ItemStatus.FAILED).distinct(),
            perform=perform,
            retry=True,
        )

    @admin.action(description="Export results of the selected batch (CSV)", permissions=["export"])
    def export_csv(self, request, queryset):
        return self._export_one(request, queryset, "csv")

    @admin.action(description="Export results of the selected batch (JSON Lines)", permissions=["export"])
    def export_jsonl(self, request, queryset):
        return self._export_one(request, queryset, "jsonl")

    def _export_one(self, request, queryset, fmt):
        ids = list(queryset.values_list("pk", flat=True)[:2])
        if len(ids) != 1:
            self.message_user(request, "Select exactly one batch to export.", level="warning")
            return None
        return admin_views.batch_export_view(self, request, str(ids[0]), fmt)


def _plain(queryset):
    """The selected batches without the changelist's per-row annotations."""
    return Batch.objects.filter(pk__in=list(queryset.values_list("pk", flat=True)))


class BatchChangeList(ChangeList):
    """The batch list shows progress per row: ONE grouped query over the page's batches
    (the (batch, status) index), never a join over every item of every batch."""

    def get_results(self, request):
        super().get_results(request)
        rows = self.result_list = list(self.result_list)
        by_batch = batches_progress(batch_ids=[b.pk for b in rows])
        for batch in rows:
            batch.item_progress = by_batch.get(batch.pk)


class BatchListFilter(admin.SimpleListFilter):
    """Filter items by batch; offers the 30 newest batches (never every batch)."""

    title = "batch"
    parameter_name = "batch"

    def lookups(self, request, model_admin):
        recent = list(Batch.objects.order_by("-created_at", "-pk").values_list("pk", "name")[:30])
        chosen = self.value()
        if chosen and chosen.isdigit() and all(str(pk) != chosen for pk, _ in recent):
            recent += list(Batch.objects.filter(pk=int(chosen)).values_list("pk", "name"))
        return [(str(pk), f"#{pk} {name}") for pk, name in recent]

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isdigit():
            return queryset.filter(batch_id=int(value))
        return queryset


class ValuesListFilter(admin.SimpleListFilter):
    """A filter on a plain CharField. Within one batch it offers the values present (an
    index-only DISTINCT on (batch, field)); across all batches a fixed list, because a
    DISTINCT over every item is a full scan of a wide table."""

    field = ""
    all_values: tuple[str, ...] = ()

    def lookups(self, request, model_admin):
        batch = request.GET.get(BatchListFilter.parameter_name, "")
        if batch.isdigit():
            values = (
                BatchItem.objects.filter(batch_id=int(batch))
                .exclude(**{self.field: ""})
                .order_by(self.field)
                .values_list(self.field, flat=True)
                .distinct()
            )
        else:
            values = self.all_values
        return [(v, v) for v in values]

    def queryset(self, request, queryset):
        return queryset.filter(**{self.field: self.value()}) if self.value() else queryset


class StateFilter(ValuesListFilter):
    title = parameter_name = field = "state"
    all_values = tuple(sorted(US_STATES))


class ReasonFilter(ValuesListFilter):
    title = parameter_name = field = "reason"
    all_values = REASONS


@admin.register(BatchItem)
class BatchItemAdmin(BatchPermissions, admin.ModelAdmin):
    """Items are results: read-only for everyone; failed ones can be retried."""

    list_display = (
        "analysis_id",
        "batch_link",
        "row_number",
        "status",
        "state",
        "reason",
        "error_category",
        "attempts",
        "processing_ms",
        "finished_at",
    )
    list_filter = (BatchListFilter, "status", "error_category", StateFilter, ReasonFilter)
    search_fields = ("analysis_id", "user_id")  # see get_search_results: index-friendly lookups
    search_help_text = "Search by analysisId (exact or prefix) or userId (exact)."
    # No JOIN: the batch names of a page come from one prefetch query (see ItemChangeList).
    list_select_related = False
    show_full_result_count = False
    list_per_page = 100
    fields = ("analysis_id",)
    actions = ["retry_selected"]
    change_form_template = "admin/batches/batchitem/change_form.html"
    inlines = [ItemDocumentInline]  # the original PDF/photo, extraction method and confidence

    LIST_FIELDS = (
        "analysis_id",
        "row_number",
        "status",
        "state",
        "reason",
        "error_category",
        "attempts",
        "processing_ms",
        "finished_at",
        "batch",
    )

    def get_search_results(self, request, queryset, search_term):
        """analysisId exact or prefix, userId exact: both served by their indexes. (The
        default icontains search would scan every wide item row.)"""
        term = search_term.strip()
        if not term:
            return queryset, False
        prefix = Q(analysis_id__gte=term, analysis_id__lt=term + "\U0010ffff")
        return queryset.filter(prefix | Q(user_id=term)), False

    def get_queryset(self, request):
        return super().get_queryset(request).defer("extracted_text", "analysis_results", "user_form_data")

    def get_changelist(self, request, **kwargs):
        return ItemChangeList

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="Batch", ordering="batch_id")
    def batch_link(self, obj: BatchItem) -> str:
        url = reverse("admin:batches_batch_change", args=[obj.batch_id])
        return format_html('<a href="{}">#{} {}</a>', url, obj.batch_id, obj.batch.name)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        item = self.get_object(request, object_id)
        extra = dict(extra_context or {})
        if item is not None:
            extra.update(item_display(item))
            extra["can_retry"] = self.has_retry_permission(request) and item.status == ItemStatus.FAILED
        return super().change_view(request, object_id, form_url, extra_context=extra)

    def get_object(self, request, object_id, from_field=None):
        # The detail page needs the text and the result: undo the changelist's defer().
        queryset = BatchItem.objects.select_related("batch")
        try:
            return queryset.get(pk=int(object_id))
        except (ValueError, BatchItem.DoesNotExist):
            return None

    @admin.action(description="Retry selected failed items", permissions=["retry"])
    def retry_selected(self, request, queryset):
        def perform(ids, form):
            count = admin_actions.items_retry_selected(item_ids=ids, latest_templates=form.latest_templates)
            return f"Queued {count} failed item(s) for another attempt."

        return admin_views.action_confirm(
            self,
            request,
            queryset,
            action="retry_selected",
            title="Retry items",
            intro="These failed items go back to pending and their batches are queued again "
            "(items that did not fail are left alone):",
            eligible=queryset.filter(status=ItemStatus.FAILED),
            perform=perform,
            retry=True,
        )


class ItemChangeList(ChangeList):
    """Load only the columns the list shows (never the notice text or the result)."""

    def get_queryset(self, request, exclude_parameters=None):
        names = Prefetch("batch", queryset=Batch.objects.only("id", "name"))
        return (
            super().get_queryset(request, exclude_parameters).only(*BatchItemAdmin.LIST_FIELDS).prefetch_related(names)
        )
