from django.contrib import admin
from import_export.admin import ImportMixin

from apps.access.admin import ScopedModelAdmin
from apps.places.imports import AllOrNothingImport

from .imports import InspectionPointResource
from .models import Inspection, InspectionPoint, Notice, NoticeStep, PointCategory, Round, Standard, Verdict


class StandardInline(admin.TabularInline):
    model = Standard
    fields = ["position", "code", "text", "is_active"]
    extra = 1

    def has_add_permission(self, request, obj=None):
        return request.user.has_perm("inspections.change_pointcategory")

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm("inspections.change_pointcategory")

    def has_delete_permission(self, request, obj=None):
        return False  # a standard out of use is switched off, so past verdicts keep their text

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("inspections.view_pointcategory")


@admin.register(PointCategory)
class PointCategoryAdmin(admin.ModelAdmin):
    """The catalogue is the same for every street: its rights are asked of the person's roles."""

    list_display = ["name", "code", "cycle_days", "is_active", "position"]
    list_filter = ["is_active"]
    search_fields = ["name", "code"]
    inlines = [StandardInline]

    def has_module_permission(self, request):
        return request.user.has_perm("inspections.view_pointcategory")

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("inspections.view_pointcategory")

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm("inspections.change_pointcategory")

    def has_add_permission(self, request):
        return request.user.has_perm("inspections.change_pointcategory")

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(InspectionPoint)
class InspectionPointAdmin(AllOrNothingImport, ImportMixin, ScopedModelAdmin):
    import_permission = "inspections.import_points"
    resource_classes = [InspectionPointResource]
    list_display = ["code", "name", "category", "place", "handler_kind", "management_unit", "is_active"]
    list_select_related = ["category", "place", "management_unit"]
    list_filter = ["category", "handler_kind", "is_active"]
    search_fields = ["code", "name", "address"]
    raw_id_fields = ["place", "management_unit"]


@admin.register(Round)
class RoundAdmin(ScopedModelAdmin):
    list_display = ["category", "street", "starts_on", "ends_on"]
    list_select_related = ["category", "street"]
    list_filter = ["category"]
    readonly_fields = ["street", "category", "starts_on", "ends_on", "created_at"]


class VerdictInline(admin.TabularInline):
    model = Verdict
    fields = ["standard", "passed"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Inspection)
class InspectionAdmin(ScopedModelAdmin):
    list_display = ["point", "inspector", "passed", "created_at"]
    list_select_related = ["point", "inspector"]
    list_filter = ["passed"]
    readonly_fields = ["point", "assignment", "round", "inspector", "passed", "note", "created_at"]
    inlines = [VerdictInline]


class NoticeStepInline(admin.TabularInline):
    model = NoticeStep
    fields = ["kind", "by", "note", "created_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Notice)
class NoticeAdmin(ScopedModelAdmin):
    list_display = ["number", "point", "handler_kind", "management_unit", "status", "deadline"]
    list_select_related = ["point", "management_unit"]
    list_filter = ["status", "handler_kind"]
    search_fields = ["number", "point__name", "point__code"]
    readonly_fields = [
        "number",
        "point",
        "inspection",
        "handler_kind",
        "management_unit",
        "department",
        "round",
        "status",
        "deadline",
        "issued_at",
    ]
    exclude = ["street", "year", "serial"]
    inlines = [NoticeStepInline]
