"""Custom admin pages for templates: coverage matrix, cache clearing, live preview, and the
diff / revert pages of the version history. Each checks the model admin's permissions, reads
through selectors and writes through one service call."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse

from templates_app import cache
from templates_app.forms import TemplatePreviewForm
from templates_app.history import record_label, records_diff
from templates_app.models import EvictionTemplate
from templates_app.preview import PreviewSourceError, template_preview
from templates_app.selectors import template_coverage
from templates_app.services import template_revert

REVERT_FIELDS = ["content", "metadata", "title"]


def _context(model_admin, request, **extra) -> dict:
    return {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "app_label": model_admin.model._meta.app_label,
        **extra,
    }


def cache_stats_context() -> dict:
    stats = cache.stats()
    return {"cache_stats": stats, "preloaded_states": ", ".join(stats["preloadedStates"]) or "none"}


def coverage_view(model_admin, request):
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    coverage = template_coverage()
    context = _context(
        model_admin,
        request,
        title="Template coverage",
        coverage=coverage,
        can_change=model_admin.has_change_permission(request),
        can_add=model_admin.has_add_permission(request),
        **cache_stats_context(),
    )
    return TemplateResponse(request, "admin/templates_app/evictiontemplate/coverage.html", context)


def cache_clear_view(model_admin, request):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not model_admin.has_change_permission(request):
        raise PermissionDenied
    cache.clear()
    messages.success(request, "Template cache cleared (this process and the shared cache).")
    target = request.POST.get("next") or ""
    if not target.startswith("/admin/"):
        target = reverse("admin:templates_app_evictiontemplate_changelist")
    return HttpResponseRedirect(target)


def preview_view(model_admin, request):
    """JSON {text, problems, notes, source} for the editor's current, unsaved text."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not (model_admin.has_view_permission(request) or model_admin.has_change_permission(request)):
        raise PermissionDenied
    form = TemplatePreviewForm(request.POST)
    if not form.is_valid():
        problems = [f"{name}: {error}" for name, errors in form.errors.items() for error in errors]
        return JsonResponse({"text": "", "problems": problems, "notes": [], "source": ""}, status=400)
    data = form.cleaned_data
    try:
        result = template_preview(
            template_type=data["template_type"],
            content=data["content"],
            metadata=data["metadata"],
            sample_id=data.get("sample") or None,
            item_id=data.get("item"),
            template_state=data.get("state") or "",
            template_reason=data.get("reason") or "",
        )
    except PreviewSourceError as exc:
        return JsonResponse({"text": "", "problems": [str(exc)], "notes": [], "source": ""}, status=400)
    return JsonResponse(result.as_dict())


def _history_pair(obj, history_id: int):
    record = obj.history.filter(history_id=history_id).first()
    if record is None:
        raise Http404("No such version.")
    return record, record.prev_record


def history_diff_view(model_admin, request, object_id, history_id):
    """One saved version against the previous one (or `?compare=<history id>`)."""
    obj = get_object_or_404(model_admin.model, pk=object_id)
    if not model_admin.has_view_history_or_change_history_permission(request, obj):
        raise PermissionDenied
    record, previous = _history_pair(obj, history_id)
    compare_id = request.GET.get("compare")
    if compare_id and compare_id.isdigit():
        previous = obj.history.filter(history_id=compare_id).first() or previous
    revert_url = None
    if isinstance(obj, EvictionTemplate) and model_admin.has_change_permission(request, obj):
        if record.version != obj.version:
            revert_url = reverse("admin:templates_app_evictiontemplate_revert", args=[obj.pk, record.history_id])
    context = _context(
        model_admin,
        request,
        title=f"Changes in {obj}",
        template_obj=obj,
        record=record,
        record_label=record_label(record),
        previous=previous,
        previous_label=record_label(previous) if previous else "",
        diffs=records_diff(previous, record, model_admin.diff_fields),
        versions=[(v.history_id, record_label(v), v) for v in obj.history.all()],
        revert_url=revert_url,
    )
    return TemplateResponse(request, "admin/templates_app/history_diff.html", context)


def history_revert_view(model_admin, request, object_id, history_id):
    """GET: what the revert will change (current -> that version); POST: make it a new version."""
    template = get_object_or_404(EvictionTemplate, pk=object_id)
    if not model_admin.has_change_permission(request, template):
        raise PermissionDenied
    record, _ = _history_pair(template, history_id)
    change_url = reverse("admin:templates_app_evictiontemplate_change", args=[template.pk])
    if request.method == "POST":
        old_version = template.version
        if template_revert(template=template, record=record, user=request.user):
            model_admin.log_change(request, template, f"Reverted to version {record.version}.")
            messages.success(
                request, f"Reverted to the content of version {record.version}: saved as version {template.version}."
            )
        else:
            messages.info(request, f"Version {old_version} already has this content; nothing was changed.")
        return HttpResponseRedirect(reverse("admin:templates_app_evictiontemplate_history", args=[template.pk]))
    current = template.history.first()
    context = _context(
        model_admin,
        request,
        title=f"Revert {template} to version {record.version}?",
        template_obj=template,
        record=record,
        diffs=records_diff(current, record, REVERT_FIELDS),
        change_url=change_url,
    )
    return TemplateResponse(request, "admin/templates_app/evictiontemplate/history_revert.html", context)


def template_version_view(model_admin, request, object_id, version):
    """/…/<id>/version/<n>/: the diff page of that version (what results record: id + version)."""
    template = get_object_or_404(EvictionTemplate, pk=object_id)
    if not model_admin.has_view_history_or_change_history_permission(request, template):
        raise PermissionDenied
    record = template.history.filter(version=version).order_by("-history_date", "-history_id").first()
    if record is None:
        raise Http404(f"Version {version} of this template is not in its history.")
    return HttpResponseRedirect(
        reverse("admin:templates_app_evictiontemplate_diff", args=[template.pk, record.history_id])
    )
