"""A ModelAdmin base that asks the permission model for every list, object and choice; the audit log."""

from django.contrib import admin
from django.contrib.admin.utils import get_fields_from_path
from django.contrib.admin.widgets import ForeignKeyRawIdWidget
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db.models import Q

from apps.audit.models import StaffAction
from apps.audit.services import staff_action_record

from .models import RoleAssignment
from .visibility import permits, view_permission, visible_to


def _perm(model, action: str) -> str:
    return f"{model._meta.app_label}.{action}_{model._meta.model_name}"


class ScopedAdminMixin:
    """Lists, object access, foreign-key choices, raw-id labels and list filters all follow
    `visible_to` and `permits` (the table, asked without Django's other permission backends); every
    save is asked again with the form's values in."""

    audited_by_services = False  # True where the admin saves through services that audit themselves

    def get_queryset(self, request):
        return visible_to(request.user, super().get_queryset(request))

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def has_view_permission(self, request, obj=None):
        return permits(request.user, view_permission(self.model), obj) or self.has_change_permission(
            request, obj
        )

    def has_add_permission(self, request, *args):
        return permits(request.user, _perm(self.model, "add"))

    def has_change_permission(self, request, obj=None):
        return permits(request.user, _perm(self.model, "change"), obj)

    def has_delete_permission(self, request, obj=None):
        return permits(request.user, _perm(self.model, "delete"), obj)

    def has_permission_on_save(self, request, obj, change: bool) -> bool:
        """The object as the form leaves it: a write may not carry it out of the person's reach."""
        if change:
            return self.has_change_permission(request, obj)
        return permits(request.user, _perm(self.model, "add"), obj)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if not self.has_permission_on_save(request, form.instance, change):
            raise PermissionDenied  # inside the admin's transaction: nothing of the save is kept

    def get_list_filter(self, request):
        return [_scoped_filter(self.model, spec) for spec in super().get_list_filter(request)]

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        if not self.audited_by_services:
            staff_action_record(actor=request.user, action="admin.add", obj=obj, detail=_message(entry))
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        if not self.audited_by_services:
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
        if isinstance(field.widget, ForeignKeyRawIdWidget):
            field.widget = ScopedRawIdWidget(field.widget, field.queryset)
    return field


class ScopedRawIdWidget(ForeignKeyRawIdWidget):
    """Names the object an id points to only when the person may see it; otherwise shows nothing,
    as for an id that points nowhere."""

    def __init__(self, widget: ForeignKeyRawIdWidget, queryset):
        super().__init__(widget.rel, widget.admin_site, attrs=widget.attrs, using=widget.db)
        self.queryset = queryset

    def label_and_url_for_value(self, value):
        key = self.rel.get_related_field().name
        try:
            self.queryset.get(**{key: value})
        except (ValueError, ObjectDoesNotExist, ValidationError):
            return "", ""
        return super().label_and_url_for_value(value)


class ScopedRelatedFieldListFilter(admin.RelatedFieldListFilter):
    """A filter on a relation offers only the related objects the person may see."""

    def field_choices(self, field, request, model_admin):
        related = field.related_model
        if not hasattr(related, "access_anchors"):
            return super().field_choices(field, request, model_admin)
        visible = visible_to(request.user, related._default_manager.all())
        ordering = self.field_admin_ordering(field, request, model_admin)
        return field.get_choices(
            include_blank=False, ordering=ordering, limit_choices_to=Q(pk__in=visible.values("pk"))
        )


def _scoped_filter(model, spec):
    """A list filter named by a relation's path gets the scoped filter; others stay as they are."""
    if isinstance(spec, (list, tuple)) and spec[1] is admin.RelatedFieldListFilter:
        return (spec[0], ScopedRelatedFieldListFilter)
    if not isinstance(spec, str):
        return spec
    field = get_fields_from_path(model, spec)[-1]
    return (spec, ScopedRelatedFieldListFilter) if field.is_relation else spec


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
        return permits(request.user, _perm(self.model, "add"))


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(ScopedModelAdmin):
    list_display = ["user", "role", "place", "management_unit", "department", "valid_from", "valid_until"]
    list_filter = ["role"]
    list_select_related = ["user", "place", "management_unit", "department"]
    search_fields = ["user__display_name", "user__phone", "user__email", "place__name"]
    autocomplete_fields = ["user", "place"]
    readonly_fields = ["granted_by", "created_at"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.granted_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(StaffAction)
class StaffActionAdmin(ReadOnlyScopedAdmin):
    """The audit log: read-only, scoped like every other list (the log sits below access, so its
    admin lives with the scoped admin)."""

    list_display = ["created_at", "actor", "action", "object_repr", "place", "address"]
    list_filter = ["action"]
    list_select_related = ["actor", "place"]
    search_fields = ["object_repr", "actor__display_name", "detail"]
    date_hierarchy = "created_at"
    fields = ["created_at", "actor", "action", "object_repr", "place", "detail", "address"]
    readonly_fields = fields

    def log_addition(self, *args, **kwargs):  # reading the log writes nothing to it
        return None
