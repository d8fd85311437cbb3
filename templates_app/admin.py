"""Templates and notice rules in the admin. This module declares; `admin_views` renders the
custom pages (coverage, preview, diff, revert) and services do the writes."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.http import HttpResponseNotAllowed
from django.urls import path, reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from templates_app import admin_views, cache
from templates_app.forms import EvictionTemplateForm, StateNoticeRuleForm
from templates_app.models import EvictionTemplate, StateNoticeRule
from templates_app.preview import sample_choices
from templates_app.rendering import PLACEHOLDERS
from templates_app.selectors import RULE_FIELDS


class _ChangeNoteForm(EvictionTemplateForm):
    change_note = forms.CharField(
        required=False,
        max_length=100,
        help_text="Optional: why you made this change. Shown in the version history.",
    )


class HistoryWithNote:
    """Shared by both admins: the history shows the version/diff links and the change note
    typed in the form; simple-history's own revert form is replaced by our revert page."""

    def save_model(self, request, obj, form, change):
        note = (form.cleaned_data.get("change_note") or "").strip()
        if note:
            obj._change_reason = note
        super().save_model(request, obj, form, change)

    diff_fields: list[str] = []
    history_list_display = ["compare"]

    def revert_disabled(self, request, obj=None):
        return True

    def get_urls(self):
        info = f"{self.model._meta.app_label}_{self.model._meta.model_name}"
        diff = path(
            "<int:object_id>/history/<int:history_id>/diff/",
            self.admin_site.admin_view(self._diff),
            name=f"{info}_diff",
        )
        return [diff, *super().get_urls()]

    def _diff(self, request, object_id, history_id):
        return admin_views.history_diff_view(self, request, object_id, history_id)

    def compare(self, record):
        """History column (its header is the method name): the diff link."""
        info = f"{self.model._meta.app_label}_{self.model._meta.model_name}"
        url = reverse(f"admin:{info}_diff", args=[record.id, record.history_id])
        return format_html('<a href="{}">diff with previous</a>', url)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method != "GET":
            return HttpResponseNotAllowed(["GET"])  # revert goes through the revert page
        return super().history_form_view(request, object_id, version_id, extra_context)


@admin.register(EvictionTemplate)
class EvictionTemplateAdmin(HistoryWithNote, SimpleHistoryAdmin):
    form = _ChangeNoteForm
    list_display = ("state", "reason", "template_type", "title", "version", "is_active", "updated_at")
    list_filter = ("template_type", "is_active", "state", "reason")
    search_fields = ("title", "content", "state", "reason")
    readonly_fields = ("version", "updated_at")
    fieldsets = (
        (None, {"fields": (("state", "reason", "template_type"), "title", "is_active")}),
        ("Template", {"fields": ("content", "metadata")}),
        ("Save", {"fields": ("change_note", "version", "updated_at")}),
    )
    actions = ["clear_template_cache"]
    history_list_display = ["version", "compare"]
    diff_fields = ["content", "metadata", "title", "is_active"]
    change_form_template = "admin/templates_app/evictiontemplate/change_form.html"
    change_list_template = "admin/templates_app/evictiontemplate/change_list.html"

    def get_urls(self):
        wrap = self.admin_site.admin_view
        info = "templates_app_evictiontemplate"
        custom = [
            path("coverage/", wrap(self._coverage), name=f"{info}_coverage"),
            path("cache/clear/", wrap(self._cache_clear), name=f"{info}_cache_clear"),
            path("preview/", wrap(self._preview), name=f"{info}_preview"),
            path("<int:object_id>/history/<int:history_id>/revert/", wrap(self._revert), name=f"{info}_revert"),
            path("<int:object_id>/version/<int:version>/", wrap(self._version), name=f"{info}_version"),
        ]
        return custom + super().get_urls()  # before the default <path:object_id>/ routes

    def _coverage(self, request):
        return admin_views.coverage_view(self, request)

    def _cache_clear(self, request):
        return admin_views.cache_clear_view(self, request)

    def _preview(self, request):
        return admin_views.preview_view(self, request)

    def _revert(self, request, object_id, history_id):
        return admin_views.history_revert_view(self, request, object_id, history_id)

    def _version(self, request, object_id, version):
        return admin_views.template_version_view(self, request, object_id, version)

    def changelist_view(self, request, extra_context=None):
        extra = {**admin_views.cache_stats_context(), "can_clear_cache": self.has_change_permission(request)}
        return super().changelist_view(request, {**extra, **(extra_context or {})})

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra = {"placeholders": sorted(PLACEHOLDERS.items()), "sample_choices": sample_choices()}
        obj = self.get_object(request, object_id) if object_id else None
        if obj is not None and not self.has_change_permission(request, obj):
            # Read-only page: no editor fields, so the preview renders the saved text.
            extra["preview_saved"] = {
                name: getattr(obj, name) for name in ("template_type", "content", "metadata", "state", "reason")
            }
        return super().changeform_view(request, object_id, form_url, {**extra, **(extra_context or {})})

    @admin.action(description="Clear the template cache (both levels)", permissions=["change"])
    def clear_template_cache(self, request, queryset):
        cache.clear()
        self.message_user(request, "Template cache cleared (this process and the shared cache).", messages.SUCCESS)

    def compare(self, record):
        """History column (its header is the method name): diff and revert links."""
        revert = reverse("admin:templates_app_evictiontemplate_revert", args=[record.id, record.history_id])
        return format_html('{} · <a href="{}">revert to this</a>', super().compare(record), revert)


class _RuleChangeNoteForm(StateNoticeRuleForm):
    change_note = forms.CharField(
        required=False, max_length=100, help_text="Optional: why the rule changed (e.g. the new law's citation)."
    )


class ExtraCheckFilter(admin.SimpleListFilter):
    """Rules by the extra check they carry beyond the day count (the fields that used to be
    hidden `[flag:...]` tokens in the notes)."""

    title = "extra check"
    parameter_name = "extra_check"
    LOOKUPS = {
        "mail": ("Mail rule unsettled", {"mail_extension_uncertain_days__isnull": False}),
        "counting": ("Counting disputed", {"alt_day_unit__gt": ""}),
        "long-lease": ("Longer period for long leases", {"long_lease_min_days__isnull": False}),
        "rent-day": ("Must end on a rent day", {"must_end_on_rent_day": True}),
        "just-cause": ("Just cause after a tenancy length", {"just_cause_after_months__isnull": False}),
        "delivery": ("Outside posting needs a mailing", {"outside_posting_needs_mail": True}),
        "delivery-unsure": ("Delivery methods unsure", {"delivery_uncertain": True}),
        "lease-date": ("Covers leases from a date", {"lease_from_date__isnull": False}),
    }

    def lookups(self, request, model_admin):
        return [(key, label) for key, (label, _) in self.LOOKUPS.items()]

    def queryset(self, request, queryset):
        found = self.LOOKUPS.get(self.value() or "")
        return queryset.filter(**found[1]) if found else queryset


@admin.register(StateNoticeRule)
class StateNoticeRuleAdmin(HistoryWithNote, SimpleHistoryAdmin):
    form = _RuleChangeNoteForm
    list_display = (
        "state",
        "reason",
        "period",
        "statute",
        "effective_date",
        "needs_review",
        "type_allowed",
        "updated_at",
    )
    list_filter = ("needs_review", "type_allowed", ExtraCheckFilter, "day_unit", "reason", "state")
    search_fields = ("state", "reason", "statute", "notes")
    date_hierarchy = "effective_date"
    diff_fields = [f for f in RULE_FIELDS if f not in ("state", "reason")]
    readonly_fields = ("updated_at",)
    fieldsets = (
        (None, {"fields": (("state", "reason"), "statute", "effective_date")}),
        ("Notice period", {"fields": (("min_days", "day_unit"), "notice_required", "must_end_on_rent_day")}),
        (
            "Mail service and delivery",
            {
                "fields": (
                    "mail_extension_days",
                    "mail_extension_uncertain_days",
                    "counted_from_receipt",
                    "outside_posting_needs_mail",
                    "delivery_uncertain",
                )
            },
        ),
        (
            "Counting and cure",
            {"fields": ("cure_allowed", "lease_can_shorten", "lease_shortening_not_subsidised", "rent_only")},
        ),
        (
            "Unsettled variants",
            {
                "fields": ("alt_day_unit", "long_lease_min_days", "lease_from_date"),
                "description": "A notice that passes the base rule but fails one of these needs review "
                "(or fails, when the notice itself shows the longer lease). A notice that fails a rule with "
                "a lease date needs review unless it shows a lease entered or renewed on or after it.",
            },
        ),
        (
            "Longer periods by tenancy length",
            {"fields": ("tenancy_tiers",), "description": 'A list like [{"minTenancyMonths": 12, "minDays": 60}].'},
        ),
        (
            "Local ordinances",
            {
                "fields": ("local_overrides",),
                "description": 'City ordinances on top of the state rule: [{"city": "Chicago", "upToDays": 120, '
                '"tiers": [{"minTenancyMonths": 6, "minDays": 60}], "statute": "...", "note": "..."}]. With tiers '
                "and a known tenancy start the local period is counted; otherwise a notice for premises there that "
                "gives fewer than upToDays days needs review.",
            },
        ),
        (
            "Is this notice type allowed?",
            {"fields": ("type_allowed", "type_not_allowed_reason", "just_cause_after_months")},
        ),
        (
            "Content the notice must contain",
            {
                "fields": ("required_content",),
                "description": 'A list like [{"code": "payee-info", "description": "...", '
                '"patterns": ["regex", ...]}]; every pattern must compile.',
            },
        ),
        ("Review", {"fields": ("needs_review", "notes")}),
        ("Save", {"fields": ("change_note", "updated_at")}),
    )

    @admin.display(description="Minimum period")
    def period(self, obj: StateNoticeRule) -> str:
        if not obj.notice_required:
            return "no notice required"
        rent_day = ", ends on a rent day" if obj.must_end_on_rent_day else ""
        if obj.min_days is None:
            return f"no fixed period{rent_day}"
        return format_html("{} {}{}", obj.min_days, obj.day_unit, rent_day)
