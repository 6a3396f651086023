"""
CSV import of compounds, buildings, units and households (django-import-export).

Columns: code, parent_code, kind, name, latitude, longitude, floor_area. A row's parent is a
place already in the tree or a row above it in the same file. The import is one transaction:
any row error and nothing is saved; each error names its row and field.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from .models import Place, PlaceKind
from .services import place_add


class PlaceResource(resources.ModelResource):
    parent_code = fields.Field(column_name="parent_code", attribute=None, readonly=True)
    latitude = fields.Field(attribute="latitude", column_name="latitude", widget=widgets.DecimalWidget())
    longitude = fields.Field(attribute="longitude", column_name="longitude", widget=widgets.DecimalWidget())
    floor_area = fields.Field(
        attribute="floor_area", column_name="floor_area", widget=widgets.DecimalWidget()
    )

    class Meta:
        model = Place
        fields = ["code", "parent_code", "kind", "name", "latitude", "longitude", "floor_area"]
        import_id_fields = ["code"]
        skip_unchanged = True
        use_transactions = True

    def __init__(self, parents=None, **kwargs):
        """`parents`: the places this import may add below (all places when None)."""
        super().__init__(**kwargs)
        self.allowed_parents = parents if parents is not None else Place.objects.all()
        self._parents: dict[str, Place] = {}

    def before_import_row(self, row, **kwargs):
        code = (row.get("code") or "").strip()
        if not code:
            raise ValidationError({"code": _("Every row needs a code.")})
        if (row.get("kind") or "").strip() not in {
            PlaceKind.COMPOUND,
            PlaceKind.BUILDING,
            PlaceKind.UNIT,
            PlaceKind.HOUSEHOLD,
        }:
            raise ValidationError({"kind": _("Kind must be compound, building, unit or household.")})
        if Place.objects.filter(code=code).exists():
            return  # an update of an existing place keeps its parent
        self._parents[code] = self._parent_of(row)

    def _parent_of(self, row) -> Place:
        parent_code = (row.get("parent_code") or "").strip()
        parent = self.allowed_parents.filter(code=parent_code).first() if parent_code else None
        if parent is None:  # missing and forbidden read alike
            raise ValidationError(
                {"parent_code": _("No place has the code “%(code)s”.") % {"code": parent_code}}
            )
        if parent.child_kind != row.get("kind", "").strip():
            raise ValidationError(
                {
                    "kind": _("Below a %(parent)s comes a %(kind)s.")
                    % {"parent": parent.get_kind_display(), "kind": parent.child_kind}
                }
            )
        return parent

    def do_instance_save(self, instance, is_create):
        if not is_create:
            instance.save()
            return
        created = place_add(
            parent=self._parents[instance.code],
            name=instance.name,
            code=instance.code,
            latitude=instance.latitude,
            longitude=instance.longitude,
            floor_area=instance.floor_area,
        )
        instance.pk, instance.path, instance.depth = created.pk, created.path, created.depth
