"""A ModelAdmin base that asks the permission model for every list, object and choice."""

from django.contrib import admin

from apps.audit.services import staff_action_record

from .models import RoleAssignment
from .visibility import view_permission, visible_to


def _perm(model, action: str) -> str:
    return f"{model._meta.app_label}.{action}_{model._meta.model_name}"


class ScopedAdminMixin:
    """Lists, object access and foreign-key choices all follow `visible_to` and `has_perm`."""

    def get_queryset(self, request):
        return visible_to(request.user, super().get_queryset(request))

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm(view_permission(self.model), obj) or self.has_change_permission(
            request, obj
        )

    def has_add_permission(self, request, *args):
        return request.user.has_perm(_perm(self.model, "add"))

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm(_perm(self.model, "change"), obj)

    def has_delete_permission(self, request, obj=None):
        return request.user.has_perm(_perm(self.model, "delete"), obj)

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        staff_action_record(actor=request.user, action="admin.add", obj=obj, detail=_message(entry))
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        staff_action_record(actor=request.user, action="admin.change", obj=obj, detail=_message(entry))
        return entry

    def log_deletions(self, request, queryset):
        for obj in queryset:  # the admin logs before deleting, so each object can still name its place
            staff_action_record(actor=request.user, action="admin.delete", obj=obj)
        return super().log_deletions(request, queryset)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        return _scoped_choices(field, db_field, request)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        return _scoped_choices(field, db_field, request)


def _message(entry) -> str:
    return entry.get_change_message() if entry is not None else ""


def _scoped_choices(field, db_field, request):
    related = db_field.related_model
    if field is not None and hasattr(related, "access_anchors"):
        field.queryset = visible_to(request.user, field.queryset)
    return field


class ScopedModelAdmin(ScopedAdminMixin, admin.ModelAdmin):
    pass


class ReadOnlyMixin:
    """For what only the system writes (ballots, results, logs, rollups): staff read, never edit."""

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyScopedAdmin(ReadOnlyMixin, ScopedModelAdmin):
    pass


class ScopedTabularInline(ScopedAdminMixin, admin.TabularInline):
    def has_add_permission(self, request, obj=None):
        return request.user.has_perm(_perm(self.model, "add"))


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(ScopedModelAdmin):
    list_display = ["user", "role", "place", "management_unit", "valid_from", "valid_until"]
    list_filter = ["role"]
    list_select_related = ["user", "place", "management_unit"]
    search_fields = ["user__display_name", "user__phone", "user__email", "place__name"]
    autocomplete_fields = ["user", "place"]
    readonly_fields = ["granted_by", "created_at"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.granted_by = request.user
        super().save_model(request, obj, form, change)
