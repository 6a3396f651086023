"""Open311 services: one per minor report category, with the attributes a client may send."""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.reports.models import Category
from apps.reports.selectors import offered_categories

from .formats import Many

MAX_ON_BEHALF = 60


@dataclass(frozen=True)
class Attribute:
    code: str
    datatype: str
    description: str
    values: tuple[tuple[str, str], ...] = ()
    required: bool = False


ATTRIBUTES = (
    Attribute(
        "urgent",
        "singlevaluelist",
        gettext_lazy("Is it a danger to people or property right now?"),
        values=(("yes", gettext_lazy("Yes: urgent")), ("no", gettext_lazy("No"))),
    ),
    Attribute(
        "on_behalf_of",
        "string",
        gettext_lazy("Reported for someone without a phone: their name or household (optional)."),
    ),
)
ATTRIBUTE_CODES = {attribute.code: attribute for attribute in ATTRIBUTES}


def services() -> list[Category]:
    return list(
        offered_categories().select_related("parent").order_by("parent__position", "position", "code")
    )


def service(code: str) -> Category | None:
    return offered_categories().select_related("parent").filter(code=code).first()


def service_row(category: Category) -> dict:
    return {
        "service_code": category.code,
        "service_name": category.name,
        "description": category.guidance,
        "metadata": True,
        "type": "realtime",
        "keywords": category.keywords,
        "group": category.parent.name,
    }


def definition(category: Category) -> dict:
    return {
        "service_code": category.code,
        "attributes": Many(
            "attribute", [_attribute_row(a, order) for order, a in enumerate(ATTRIBUTES, start=1)]
        ),
    }


def _attribute_row(attribute: Attribute, order: int) -> dict:
    return {
        "variable": True,
        "code": attribute.code,
        "datatype": attribute.datatype,
        "required": attribute.required,
        "datatype_description": "",
        "order": order,
        "description": str(attribute.description),
        "values": Many("value", [{"key": key, "name": str(name)} for key, name in attribute.values]),
    }


def service_notice(category: Category) -> str:
    return _("A first response within %(hours)d hours; resolved within %(days)d days.") % {
        "hours": category.response_hours,
        "days": category.resolve_days,
    }
