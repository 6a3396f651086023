"""Staff keep the tree of their places, the property companies and their management units."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportMixin

from apps.access.admin import ScopedModelAdmin, ScopedTabularInline
from apps.access.visibility import get_visible_or_404

from .imports import AllOrNothingImport, PlaceResource
from .models import Department, ManagedCompound, ManagementUnit, Place, PropertyCompany
from .services import place_add, place_change


@admin.register(Place)
class PlaceAdmin(AllOrNothingImport, ImportMixin, ScopedModelAdmin):
    import_permission = "places.import_places"
    resource_classes = [PlaceResource]
    list_display = ["indented_name", "kind", "code", "floor_area", "add_child_link"]
    list_filter = ["kind"]
    search_fields = ["name", "code"]
    ordering = ["path"]
    fields = ["name", "code", "latitude", "longitude", "floor_area", "phone"]
    list_per_page = 100
    audited_by_services = True

    @admin.display(description=_("name"), ordering="path")
    def indented_name(self, place):
        return format_html('<span style="padding-left:{}em">{}</span>', (place.depth - 1) * 1.2, place.name)

    @admin.display(description="")
    def add_child_link(self, place):
        if place.child_kind is None:
            return ""
        url = reverse("admin:places_place_add") + f"?parent={place.pk}"
        return format_html('<a href="{}">{}</a>', url, _("add below"))

    def _parent(self, request) -> Place | None:
        parent_id = request.GET.get("parent") or request.POST.get("_parent")
        if not parent_id:
            return None
        parent = get_visible_or_404(request.user, Place.objects, perm="places.change_place", pk=parent_id)
        if parent.child_kind is None:
            raise Http404
        return parent

    def has_add_permission(self, request, *args):
        if not super().has_add_permission(request):
            return False
        return request.user.is_superuser or "parent" in request.GET or "_parent" in request.POST

    def add_view(self, request, form_url="", extra_context=None):
        parent = self._parent(request)
        if parent is None and not request.user.is_superuser:
            raise PermissionDenied
        extra_context = {**(extra_context or {}), "parent_place": parent}
        return super().add_view(request, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        values = {f: form.cleaned_data.get(f) for f in self.fields if f != "name"}
        name = form.cleaned_data["name"]
        if change:
            place_change(place=Place.objects.get(pk=obj.pk), by=request.user, name=name, **values)
            return
        created = place_add(parent=self._parent(request), name=name, by=request.user, **values)
        obj.pk, obj.path, obj.depth, obj.kind = created.pk, created.path, created.depth, created.kind


class ManagedCompoundInline(ScopedTabularInline):
    model = ManagedCompound
    autocomplete_fields = ["compound"]
    extra = 1


@admin.register(ManagementUnit)
class ManagementUnitAdmin(ScopedModelAdmin):
    list_display = ["name", "company", "street", "compound_count"]
    list_select_related = ["company", "street"]
    list_filter = ["company"]
    search_fields = ["name", "company__name"]
    inlines = [ManagedCompoundInline]

    def get_queryset(self, request):
        from django.db.models import Count

        return super().get_queryset(request).annotate(compounds_served=Count("managed_compounds"))

    @admin.display(description=_("compounds"), ordering="compounds_served")
    def compound_count(self, unit):
        return unit.compounds_served


@admin.register(Department)
class DepartmentAdmin(ScopedModelAdmin):
    list_display = ["name", "kind", "place", "phone", "is_active"]
    list_select_related = ["place"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name"]


@admin.register(PropertyCompany)
class PropertyCompanyAdmin(ScopedModelAdmin):
    list_display = ["name", "phone", "street"]
    list_select_related = ["street"]
    search_fields = ["name", "credit_code"]
