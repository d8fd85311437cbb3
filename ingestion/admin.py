from django.contrib import admin

from ingestion.models import ApiToken, IngestRejection


@admin.register(IngestRejection)
class IngestRejectionAdmin(admin.ModelAdmin):
    list_display = ("received_at", "source", "message_id", "batch_external_id", "duplicate", "short_reason")
    list_filter = ("source", "duplicate")
    search_fields = ("message_id", "batch_external_id")
    date_hierarchy = "received_at"

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]

    def has_add_permission(self, request):
        return False

    @admin.display(description="reason")
    def short_reason(self, obj: IngestRejection) -> str:
        return obj.reason if len(obj.reason) <= 120 else obj.reason[:117] + "..."


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("prefix", "name", "user", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("prefix", "token_hash", "created_at", "last_used_at")
    fields = ("name", "user", "prefix", "created_at", "last_used_at", "revoked_at")

    def has_add_permission(self, request):
        return False  # tokens are created by `manage.py create_api_token`, which shows them once
