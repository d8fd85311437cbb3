"""Custom admin pages for batches: the two-step upload, the progress endpoint, exports, the
action confirmation pages and the metrics dashboard. `admin.py` declares and routes; these
views check permissions, call one service or selector, and render. No batch work runs here."""

from __future__ import annotations

import io
import tempfile
from functools import partial

from django.conf import settings
from django.contrib import messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponseRedirect, JsonResponse
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_protect

from batches import exports
from batches.admin_display import category_label, metrics_alerts
from batches.forms import BatchConfirmForm, BatchUploadForm, RetryForm
from batches.metric_names import SEED_METRICS
from batches.models import BATCH_TERMINAL, Batch, BatchItem, BatchStatus, ItemStatus
from batches.selectors import (
    batch_progress,
    batch_recent_failures,
    batches_failures_by_category,
    batches_overall,
    batches_recent_series,
    items_breakdowns,
)
from batches.services.ingest import (
    BatchRejected,
    PendingUploadMissing,
    batch_create_from_upload,
    upload_discard,
    upload_stash,
    upload_unstash_open,
)
from batches.services.upload_preview import upload_preview_stream, upload_rejection_record

PREVIEW_MAX_ERRORS = 300


def _admin_context(model_admin, request, **extra) -> dict:
    opts = model_admin.model._meta
    return {**model_admin.admin_site.each_context(request), "opts": opts, "app_label": opts.app_label, **extra}


# --- Upload ------------------------------------------------------------------------------


def batch_upload_view(model_admin, request):
    """Step 1 (file -> preview, nothing written) and step 2 (confirm -> batches, or cancel).

    Routed CSRF-exempt so that an oversize request is refused from its Content-Length
    before anything reads (and spools to disk) the body; every request that goes further
    is CSRF-checked here, before the body is parsed."""
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    too_large = _content_too_large(request)
    if too_large:
        return _render_upload(model_admin, request, BatchUploadForm(), size_error=too_large)
    return csrf_protect(partial(_upload_steps, model_admin))(request)


def _upload_steps(model_admin, request):
    if request.method == "POST" and "token" in request.POST:
        return _upload_confirm(model_admin, request)
    form = BatchUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        return _upload_preview(model_admin, request, form)
    return _render_upload(model_admin, request, form)


def _content_too_large(request) -> str:
    """Refuse an oversize request before Django reads the body into temporary files."""
    if request.method != "POST":
        return ""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    limit = settings.UPLOAD_MAX_BYTES
    if length > limit + 64 * 1024:  # room for the multipart envelope and the other fields
        return (
            f"The upload is {filesizeformat(length)}; the limit is {filesizeformat(limit)} (UPLOAD_MAX_BYTES). "
            "Split it into smaller files, or use `manage.py process_batch`."
        )
    return ""


def _render_upload(model_admin, request, form, *, rejected=None, size_error=""):
    context = _admin_context(
        model_admin,
        request,
        title="Upload a batch",
        form=form,
        rejected=rejected,
        size_error=size_error,
        max_bytes=settings.UPLOAD_MAX_BYTES,
        max_items=settings.UPLOAD_MAX_ITEMS,
    )
    return TemplateResponse(request, "admin/batches/batch/upload.html", context)


def _upload_preview(model_admin, request, form):
    """Stash the file chunk by chunk, then preview it from the stash one row at a time:
    neither the bytes nor the rows of a 100,000-item upload are held in memory."""
    upload = form.cleaned_data["file"]
    token = upload_stash(chunks=upload.chunks())
    try:
        with upload_unstash_open(token=token) as stashed:
            preview = upload_preview_stream(fileobj=stashed, filename=upload.name, max_errors=PREVIEW_MAX_ERRORS)
    except BatchRejected as exc:
        upload_discard(token=token)
        upload_rejection_record(exc=exc, filename=upload.name)
        return _render_upload(model_admin, request, form, rejected=exc)
    _remember_token(request, token)
    initial = {k: form.cleaned_data[k] for k in ("name", "concurrency", "analyzer", "start")}
    confirm = BatchConfirmForm(initial={**initial, "token": token, "filename": upload.name})
    return _render_preview(model_admin, request, confirm, preview=preview, filename=upload.name, size=upload.size)


def _render_preview(model_admin, request, confirm, *, preview, filename, size, rejected=None):
    context = _admin_context(
        model_admin,
        request,
        title="Check the upload",
        preview=preview,
        confirm=confirm,
        filename=filename,
        size=size,
        rejected=rejected,
        errors_hidden=preview.error_count - len(preview.errors),
    )
    return TemplateResponse(request, "admin/batches/batch/upload_preview.html", context)


def _remember_token(request, token: str) -> None:
    tokens = request.session.get("batch_upload_tokens", [])[-9:]
    request.session["batch_upload_tokens"] = [*tokens, token]


def _owns_token(request, token: str) -> bool:
    return token in request.session.get("batch_upload_tokens", [])


def _forget_token(request, token: str) -> None:
    request.session["batch_upload_tokens"] = [t for t in request.session.get("batch_upload_tokens", []) if t != token]
    upload_discard(token=token)


def _upload_confirm(model_admin, request):
    confirm = BatchConfirmForm(request.POST)
    token = request.POST.get("token", "")
    changelist = reverse("admin:batches_batch_changelist")
    if "_cancel" in request.POST:
        _forget_token(request, token)
        messages.info(request, "Upload cancelled; nothing was created.")
        return HttpResponseRedirect(changelist)
    if not confirm.is_valid() or not _owns_token(request, token):
        messages.error(request, "The upload could not be confirmed; please upload the file again.")
        return HttpResponseRedirect(reverse("admin:batches_batch_add"))
    try:
        upload = upload_unstash_open(token=token)
    except PendingUploadMissing as exc:
        messages.error(request, str(exc))
        return HttpResponseRedirect(reverse("admin:batches_batch_add"))
    filename = confirm.cleaned_data["filename"]
    options = confirm.upload_options(user=request.user, skip_invalid=confirm.cleaned_data["skip_invalid"])
    with upload:  # read from the stashed file as it is ingested, never whole
        try:
            batches = batch_create_from_upload(fileobj=upload, filename=filename, options=options)
        except BatchRejected as exc:
            return _confirm_rejected(model_admin, request, confirm, exc, upload=upload, filename=filename)
    _forget_token(request, token)
    return _after_create(model_admin, request, batches, launched=options.launch)


def _confirm_rejected(model_admin, request, confirm, exc, *, upload, filename):
    """The confirm was refused by validation: record it and show the preview again (streamed)."""
    size = upload.seek(0, io.SEEK_END)
    upload.seek(0)
    try:
        preview = upload_preview_stream(fileobj=upload, filename=filename, max_errors=PREVIEW_MAX_ERRORS)
    except BatchRejected as file_exc:
        upload_rejection_record(exc=file_exc, filename=filename)
        _forget_token(request, confirm.cleaned_data["token"])
        return _render_upload(model_admin, request, BatchUploadForm(), rejected=file_exc)
    upload_rejection_record(exc=exc, filename=filename, batch_ids=preview.batch_ids)
    return _render_preview(model_admin, request, confirm, preview=preview, filename=filename, size=size, rejected=exc)


def _after_create(model_admin, request, batches: list[Batch], *, launched: bool):
    items = BatchItem.objects.filter(batch__in=batches).count()  # one query, not one per batch
    verb = "launched" if launched else "saved as draft"
    names = ", ".join(f"#{b.pk}" for b in batches)
    messages.success(request, f"Created {len(batches)} batch(es) ({names}) with {items} item(s); {verb}.")
    for batch in batches:
        model_admin.log_addition(request, batch, [{"added": {}}])
    if len(batches) == 1:
        return HttpResponseRedirect(reverse("admin:batches_batch_change", args=[batches[0].pk]))
    return HttpResponseRedirect(reverse("admin:batches_batch_changelist"))


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
    context = _admin_context(
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
    context = _admin_context(
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
