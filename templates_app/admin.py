from django.contrib import admin
from django.utils.html import format_html

from templates_app.models import EvictionTemplate, StateNoticeRule


@admin.register(EvictionTemplate)
class EvictionTemplateAdmin(admin.ModelAdmin):
    list_display = ("state", "reason", "template_type", "title", "version", "is_active", "updated_at")
    list_filter = ("template_type", "is_active", "state", "reason")
    search_fields = ("title", "content", "state", "reason")
    readonly_fields = ("version", "updated_at")
    fields = (
        "state",
        "reason",
        "template_type",
        "title",
        "content",
        "metadata",
        "is_active",
        "version",
        "updated_at",
    )


@admin.register(StateNoticeRule)
class StateNoticeRuleAdmin(admin.ModelAdmin):
    list_display = ("state", "reason", "period", "statute", "effective_date", "needs_review", "type_allowed")
    list_filter = ("needs_review", "type_allowed", "day_unit", "reason", "state")
    search_fields = ("state", "reason", "statute", "notes")
    readonly_fields = ("updated_at",)

    @admin.display(description="Minimum period")
    def period(self, obj: StateNoticeRule) -> str:
        if not obj.notice_required:
            return "no notice required"
        if obj.min_days is None:
            return "no fixed period"
        return format_html("{} {}", obj.min_days, obj.day_unit)
