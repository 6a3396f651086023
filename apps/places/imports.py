"""
CSV import of compounds, buildings, units and households (django-import-export).

Columns: code, parent_code, kind, name, latitude, longitude, floor_area. A row's parent is a
place already in the tree or a row above it in the same file; a row naming an existing code
changes that place. Every row is written through the places services as the importing person,
who must be allowed to add below the parent or change the place. The import is one transaction:
any refused row and nothing is saved; each refusal names its row.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from apps.audit.models import StaffAction
from apps.core.planner import AnalyzedImport
from apps.core.refusals import refusal_message

from .models import Place, PlaceKind
from .services import place_add, place_change

IMPORTED_KINDS = {PlaceKind.COMPOUND, PlaceKind.BUILDING, PlaceKind.UNIT, PlaceKind.HOUSEHOLD}
IMPORTED_VALUES = ("name", "latitude", "longitude", "floor_area")


class PlaceResource(AnalyzedImport, resources.ModelResource):
    analyzed_models = (Place, StaffAction)
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

    def __init__(self, *, by, **kwargs):
        """`by`: the person importing; each row is added or changed as theirs."""
        super().__init__(**kwargs)
        self.by = by
        self._parents: dict[str, Place] = {}

    def before_import_row(self, row, **kwargs):
        """Refuse before the library reads the place: a refused row shows none of its values."""
        code = (row.get("code") or "").strip()
        kind = (row.get("kind") or "").strip()
        if not code:
            raise ValidationError({"code": _("Every row needs a code.")})
        if kind not in IMPORTED_KINDS:
            raise ValidationError({"kind": _("Kind must be compound, building, unit or household.")})
        existing = Place.objects.filter(code=code).first()
        if existing is None:
            self._parents[code] = self._parent_of(row)
        elif not self.by.has_perm("places.change_place", existing):
            raise ValidationError(
                {"code": _("“%(code)s” is the code of a place you may not change.") % {"code": code}}
            )
        elif existing.kind != kind:
            raise ValidationError(
                {
                    "kind": _("“%(code)s” is a %(kind)s; an import never changes a place's kind.")
                    % {"code": code, "kind": existing.get_kind_display()}
                }
            )

    def _parent_of(self, row) -> Place:
        parent_code = (row.get("parent_code") or "").strip()
        parent = Place.objects.filter(code=parent_code).first() if parent_code else None
        if parent is None or not self.by.has_perm("places.add_place", parent):  # missing and forbidden alike
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
        values = {name: getattr(instance, name) for name in IMPORTED_VALUES}
        try:
            if is_create:
                saved = place_add(
                    parent=self._parents[instance.code],
                    kind=instance.kind,
                    code=instance.code,
                    by=self.by,
                    **values,
                )
            else:
                saved = place_change(place=Place.objects.get(pk=instance.pk), by=self.by, **values)
        except PermissionDenied as refused:
            raise ValidationError(refusal_message(refused)) from refused
        instance.pk, instance.path, instance.depth = saved.pk, saved.path, saved.depth


def refused_rows(result) -> list[str]:
    """'Row 3: …' for each row an import refused, in the person's language."""
    refusals = [(row.number, _validation_reason(row.error)) for row in result.invalid_rows]
    # an unexpected error's text may hold database details: the person reads a plain sentence
    unsaved = _("This row could not be saved; nothing in it was changed.")
    refusals += [(number, unsaved) for number, _errors in result.row_errors()]
    return [
        _("Row %(number)s: %(reason)s") % {"number": number, "reason": reason}
        for number, reason in sorted(refusals)
    ]


def _validation_reason(error: ValidationError) -> str:
    if not hasattr(error, "error_dict"):
        return " ".join(error.messages)
    return " ".join(
        " ".join(messages) if field == "__all__" else f"{field}: {' '.join(messages)}"
        for field, messages in error.message_dict.items()
    )


class AllOrNothingImport:
    """For an admin with django-import-export: the importing person reaches the resource (`by`), a
    refused row rolls back the whole file on the confirming step as on the preview, and each refusal
    is told by its row number. `import_permission` names the right of the one table it asks."""

    import_permission = ""

    def get_import_resource_kwargs(self, request, **kwargs):
        return {**super().get_import_resource_kwargs(request, **kwargs), "by": request.user}

    def get_import_data_kwargs(self, **kwargs):
        return {**super().get_import_data_kwargs(**kwargs), "rollback_on_validation_errors": True}

    def import_action(self, request, **kwargs):
        response = super().import_action(request, **kwargs)
        result = getattr(response, "context_data", {}).get("result")
        if result is not None and _refused(result):
            _tell_refusals(request, result)
        return response

    def process_result(self, result, request):
        if _refused(result):
            _tell_refusals(request, result)
            opts = self.model._meta
            return redirect(f"admin:{opts.app_label}_{opts.model_name}_import")
        return super().process_result(result, request)

    def has_import_permission(self, request):
        return request.user.has_perm(self.import_permission)


def _refused(result) -> bool:
    return result.has_errors() or result.has_validation_errors()


def _tell_refusals(request, result) -> None:
    messages.error(request, _("Nothing was imported. Correct the rows below and import the file again."))
    for refusal in refused_rows(result):
        messages.error(request, refusal)
