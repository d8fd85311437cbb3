"""Custom admin pages for batches: the progress endpoint, exports, the action confirmation
pages and the metrics dashboard (the two-step upload is in admin_upload). `admin.py`
declares and routes; these views check permissions, call one service or selector, and
render. No batch work runs here."""

from __future__ import annotations

import io
import tempfile

from django.contrib import messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, JsonResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from batches import exports
from batches.admin_display import category_label, metrics_alerts
from batches.forms import RetryForm
from batches.metric_names import SEED_METRICS
from batches.models import BATCH_TERMINAL, Batch, BatchStatus, ItemStatus
from batches.selectors import (
    batch_progress,
    batch_recent_failures,
    batches_failures_by_category,
    batches_overall,
    batches_recent_series,
    items_breakdowns,
)


def admin_context(model_admin, request, **extra) -> dict:
    """The admin's base context for a custom page of `model_admin` (also the upload pages')."""
    opts = model_admin.model._meta
    return {**model_admin.admin_site.each_context(request), "opts": opts, "app_label": opts.app_label, **extra}


# --- Batch page: progress and context -------------------------------------------------------


def _get_batch(model_admin, request, object_id) -> Batch:
    batch = model_admin.get_object(request, object_id)
    if batch is None:
        raise Http404("No such batch.")
    return batch


def progress_document(batch: Batch) -> dict:
    return {
        "id": batch.pk,
        "status": batch.status,
        "statusLabel": batch.get_status_display(),
        "statusMessage": batch.status_message,
        "terminal": batch.status in BATCH_TERMINAL,
        # A draft changes only when someone launches it: the page need not poll until then.
        "polling": batch.status not in BATCH_TERMINAL and batch.status != BatchStatus.DRAFT,
        **batch_progress(batch),  # total, done, percent, counts, metrics: one aggregate
    }


def batch_progress_view(model_admin, request, object_id):
    """Staff-only JSON: counts by status and the metrics (polled by the batch page)."""
    if not request.user.is_staff:
        raise PermissionDenied
    batch = _get_batch(model_admin, request, object_id)
    if not model_admin.has_view_permission(request, batch):
        raise PermissionDenied
    response = JsonResponse(progress_document(batch))
    response["Cache-Control"] = "no-store"
    return response


def batch_page_context(model_admin, request, batch: Batch) -> dict:
    progress = progress_document(batch)
    metrics = progress["metrics"]
    items_url = reverse("admin:batches_batchitem_changelist")
    return {
        "progress": progress,
        "seed_metrics": [(name, metrics[name]) for name in SEED_METRICS],
        "metrics": metrics,
        "progress_url": reverse("admin:batches_batch_progress", args=[batch.pk]),
        "items_url": f"{items_url}?batch={batch.pk}",
        "status_links": [
            (label, f"{items_url}?batch={batch.pk}&status__exact={value}", progress["counts"].get(value, 0))
            for value, label in ItemStatus.choices
        ],
        "error_links": [
            (
                category_label(cat),
                f"{items_url}?batch={batch.pk}&error_category__exact={cat}",
                n,
            )
            for cat, n in metrics["byErrorCategory"].items()
        ],
        "recent_failures": batch_recent_failures(batch.pk, limit=10),
        "batch_actions": _batch_buttons(model_admin, request, batch, metrics),
        "export_csv_url": reverse("admin:batches_batch_export", args=[batch.pk, "csv"]),
        "export_jsonl_url": reverse("admin:batches_batch_export", args=[batch.pk, "jsonl"]),
        "can_export": model_admin.has_export_permission(request),
    }


def _batch_buttons(model_admin, request, batch: Batch, metrics: dict) -> list[tuple[str, str]]:
    """(action name, label) for the actions that apply to this batch and this user."""
    buttons = []
    can_launch = model_admin.has_launch_permission(request)
    if can_launch and batch.status == BatchStatus.DRAFT:
        buttons.append(("launch_batches", "Launch"))
    if can_launch and batch.status == BatchStatus.PAUSED:
        buttons.append(("resume_batches", "Resume"))
    if can_launch and batch.status not in BATCH_TERMINAL:
        buttons.append(("cancel_batches", "Cancel"))
    if model_admin.has_retry_permission(request) and metrics["failureCount"]:
        buttons.append(("retry_failed_items", f"Retry {metrics['failureCount']} failed item(s)"))
    return buttons


# --- Exports -------------------------------------------------------------------------------


def batch_export_view(model_admin, request, object_id, fmt):
    """Download a batch's results as CSV (formula cells escaped) or JSON Lines."""
    if not model_admin.has_export_permission(request):
        raise PermissionDenied
    batch = _get_batch(model_admin, request, object_id)
    writer, content_type = {
        "csv": (exports.write_csv, "text/csv; charset=utf-8"),
        "jsonl": (exports.write_jsonl, "application/x-ndjson; charset=utf-8"),
    }.get(fmt, (None, None))
    if writer is None:
        raise Http404("Unknown export format.")
    # Spooled: small exports stay in memory, large ones go to a private temporary file.
    spool = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115 - FileResponse closes it
    text = io.TextIOWrapper(spool, encoding="utf-8", newline="")
    writer(batch, text)
    text.flush()
    text.detach()
    spool.seek(0)
    stamp = timezone.now().strftime("%Y%m%d-%H%M")
    filename = f"batch-{batch.pk}-results-{stamp}.{fmt}"
    return FileResponse(spool, as_attachment=True, filename=filename, content_type=content_type)


# --- Action confirmation (Django's delete_selected shape) -----------------------------------


def action_confirm(model_admin, request, queryset, *, action, title, eligible, perform, intro, retry=False):
    """Show a confirmation page listing what the action will touch; on POST with `post`,
    call `perform(ids, form)` (ONE service call), message the count and return None so the
    admin redirects back to the changelist."""
    form = RetryForm(request.POST if request.POST.get("post") else None) if retry else None
    if request.POST.get("post") and (form is None or form.is_valid()):
        ids = list(eligible.values_list("pk", flat=True))
        message = perform(ids, form)
        model_admin.message_user(request, message, messages.SUCCESS)
        return None
    selected = list(queryset.values_list("pk", flat=True)[:1001])
    shown = list(eligible[:100])
    context = admin_context(
        model_admin,
        request,
        title=title,
        intro=intro,
        action=action,
        shown=shown,
        eligible_count=eligible.count(),
        selected_count=queryset.count(),
        selected_ids=selected,
        select_across=request.POST.get("select_across", "0"),
        action_checkbox_name=helpers.ACTION_CHECKBOX_NAME,
        retry_form=form or (RetryForm() if retry else None),
    )
    return TemplateResponse(request, "admin/batches/action_confirmation.html", context)


# --- Metrics dashboard ---------------------------------------------------------------------


def batch_metrics_dashboard(model_admin, request):
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    limit = _limit(request.GET.get("batches"))
    series = batches_recent_series(limit=limit)
    batch_ids = [point["id"] for point in series]
    breakdowns = items_breakdowns(batch_ids=batch_ids)
    failures = batches_failures_by_category(batch_ids=batch_ids)
    overall = batches_overall(series)
    context = admin_context(
        model_admin,
        request,
        title="Batch metrics",
        series=series,
        limit=limit,
        overall=overall,
        breakdowns=breakdowns,
        alerts=metrics_alerts(series, failures=failures, overall=overall),
        chart_data={
            "labels": [f"#{p['id']}" for p in series],
            "successRate": [_pct(p["successRate"]) for p in series],
            "cacheHitRatio": [_pct(p["cacheHitRatio"]) for p in series],
            "meanProcessingMs": [p["meanProcessingMs"] for p in series],
            "byState": breakdowns["byState"],
            "byReason": breakdowns["byReason"],
            "byErrorCategory": breakdowns["byErrorCategory"],
        },
    )
    return TemplateResponse(request, "admin/batches/batch/metrics.html", context)


def _limit(raw) -> int:
    try:
        return max(1, min(int(raw), 200))
    except (TypeError, ValueError):
        return 30


def _pct(ratio):
    return None if ratio is None else round(100 * ratio, 1)
