"""The audit log in the admin: read-only, scoped like every other list."""

from django.contrib import admin

from apps.access.admin import ReadOnlyScopedAdmin

from .models import StaffAction


@admin.register(StaffAction)
class StaffActionAdmin(ReadOnlyScopedAdmin):
    list_display = ["created_at", "actor", "action", "object_repr", "place", "address"]
    list_filter = ["action"]
    list_select_related = ["actor", "place"]
    search_fields = ["object_repr", "actor__display_name", "detail"]
    date_hierarchy = "created_at"
    fields = ["created_at", "actor", "action", "object_repr", "place", "detail", "address"]
    readonly_fields = fields

    def log_addition(self, *args, **kwargs):  # reading the log writes nothing to it
        return None
