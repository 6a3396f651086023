"""Writing the audit log. Callers are services (after the step they audit) and the scoped admin."""

from django.contrib.contenttypes.models import ContentType
from django.db import models

from .context import current_address
from .models import StaffAction


def staff_action_record(
    *, actor, action: str, obj: models.Model | None = None, place=None, detail: str = ""
) -> StaffAction:
    return StaffAction.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        place=place or (place_of(obj) if obj is not None else None),
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False) if obj else None,
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:200] if obj is not None else "",
        detail=detail,
        address=current_address.get(),
    )


def place_of(obj: models.Model):
    """The first place the object is anchored to (see `access_anchors`), if it has one."""
    place_model = StaffAction._meta.get_field("place").related_model  # by the key: places sit above
    if isinstance(obj, place_model):
        return obj
    for lookup in getattr(type(obj), "access_anchors", ()):
        value = obj
        for part in filter(None, lookup.split("__")):
            value = getattr(value, part, None)
            if value is None or isinstance(value, models.Manager):
                break
        if isinstance(value, place_model):
            return value
    return None


def changes_detail(before: dict, after: dict) -> str:
    """'floor_area: 60.22 → 1.00', one line per field that differs; '—' for no value."""
    return "\n".join(
        f"{name}: {_shown(before.get(name))} → {_shown(value)}"
        for name, value in after.items()
        if _shown(before.get(name)) != _shown(value)
    )


def _shown(value) -> str:
    return "—" if value in (None, "") else str(value)
