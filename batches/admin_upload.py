"""The admin's two-step batch upload: the file is stashed and previewed (nothing written),
then confirmed (batches created, all or nothing) or cancelled. `admin.py` routes here; each
step calls the ingest services and renders."""

from __future__ import annotations

import io
from functools import partial

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.csrf import csrf_protect

from batches.admin_views import admin_context
from batches.forms import BatchConfirmForm, BatchUploadForm
from batches.models import Batch, BatchItem
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
    context = admin_context(
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
    context = admin_context(
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
