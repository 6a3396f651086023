"""
CSV/XLSX import of inspection points (django-import-export).

Columns: code, name, category (a category's code), place (a place's code), address, latitude,
longitude, street_department. The responsible unit follows from the place (see points.py) unless a
street department is named: one of the street's departments, or one the category catalogue names
(made the first time a point or a report needs it). A row naming an existing code changes that
point. The import is one transaction: any refused row and nothing is saved; each refusal names its
row.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from apps.core.planner import AnalyzedImport
from apps.places.models import Department, Place, PlaceKind
from apps.reports.catalog import STREET_DEPARTMENTS

from .models import InspectionPoint, PointCategory
from .points import point_route


class InspectionPointResource(AnalyzedImport, resources.ModelResource):
    analyzed_models = (InspectionPoint,)
    category = fields.Field(column_name="category", attribute=None, readonly=True)
    place = fields.Field(column_name="place", attribute=None, readonly=True)
    street_department = fields.Field(column_name="street_department", attribute=None, readonly=True)
    latitude = fields.Field(attribute="latitude", column_name="latitude", widget=widgets.DecimalWidget())
    longitude = fields.Field(attribute="longitude", column_name="longitude", widget=widgets.DecimalWidget())

    class Meta:
        model = InspectionPoint
        fields = [
            "code",
            "name",
            "category",
            "place",
            "address",
            "latitude",
            "longitude",
            "street_department",
        ]
        import_id_fields = ["code"]
        skip_unchanged = False
        use_transactions = True

    def __init__(self, *, by, **kwargs):
        """`by`: the person importing; a point may only be placed where they may add points."""
        super().__init__(**kwargs)
        self.by = by
        self._rows: dict[str, tuple[PointCategory, Place, str]] = {}

    def before_import_row(self, row, **kwargs):
        code = _text(row, "code")
        if not code:
            raise ValidationError({"code": _("Every row needs a code.")})
        if not _text(row, "name"):
            raise ValidationError({"name": _("Every row needs a name.")})
        category = PointCategory.objects.filter(code=_text(row, "category"), is_active=True).first()
        if category is None:
            raise ValidationError(
                {
                    "category": _("No point category has the code “%(code)s”.")
                    % {"code": _text(row, "category")}
                }
            )
        place = Place.objects.filter(code=_text(row, "place")).first()
        if place is None or not self.by.has_perm("inspections.add_inspectionpoint", place):
            raise ValidationError(
                {"place": _("No place has the code “%(code)s”.") % {"code": _text(row, "place")}}
            )
        existing = InspectionPoint.objects.filter(code=code).select_related("place").first()
        if existing and not self.by.has_perm("inspections.change_inspectionpoint", existing):
            raise ValidationError(
                {"code": _("“%(code)s” is the code of a point you may not change.") % {"code": code}}
            )
        department = _text(row, "street_department")
        if department and not _is_department_of(place, department):
            raise ValidationError(
                {
                    "street_department": _("The street has no department named “%(name)s”.")
                    % {"name": department}
                }
            )
        self._rows[code] = (category, place, department)

    def before_save_instance(self, instance, row, **kwargs):
        instance.category, instance.place, department = self._rows[instance.code]
        route = point_route(place=instance.place, department_name=department)
        instance.handler_kind = route.handler_kind
        instance.management_unit = route.management_unit
        instance.department = route.department
        instance.full_clean(validate_unique=False)

    def dehydrate_street_department(self, point: InspectionPoint) -> str:
        return point.department.name if point.department_id else ""


def _is_department_of(place: Place, name: str) -> bool:
    street = place.ancestor_path(PlaceKind.STREET)
    return name in STREET_DEPARTMENTS or Department.objects.filter(place__path=street, name=name).exists()


def _text(row, column: str) -> str:
    return str(row.get(column) or "").strip()
