"""Read-only inlines (the report's timeline, its joined units) as tables that look like the admin's
tabular inlines, for a fraction of their cost: the admin builds a form, a formset and a readonly field
for each of a long timeline's cells and renders each through templates. Here each column's way to show
a value (a field, a link to the related object, the inline's own callable) is worked out once, a cell
is one string format and a row is one string."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.admin.templatetags.admin_list import _boolean_icon
from django.contrib.admin.utils import display_for_field, label_for_field, quote
from django.core.exceptions import FieldDoesNotExist
from django.db.models import ForeignObjectRel, Model, OneToOneField
from django.template.defaultfilters import linebreaksbr
from django.urls import NoReverseMatch, reverse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst

Cell = Callable[[Model], str]


@dataclass(frozen=True)
class InlineTable:
    title: str
    prefix: str
    headers: list[tuple[str, str]]  # (field name, label)
    rows: list[SafeString]


def inline_table(inline, request, parent: Model) -> InlineTable:
    """The inline's objects of `parent`, as the admin's tabular inline shows them read-only."""
    fk = _fk(inline, parent)
    objects = inline.get_queryset(request).filter(**{fk.name: parent})
    names = list(inline.get_fields(request, parent))
    columns = [(name, _cell(inline, name)) for name in names]
    rows = [
        mark_safe(
            f'<tr class="form-row has_original"><td class="original"><p>{conditional_escape(obj)}</p></td>'
            + "".join([f'<td class="field-{name}"><p>{cell(obj)}</p></td>' for name, cell in columns])
            + '<td class="delete"></td></tr>'
        )
        for obj in objects
    ]
    opts = inline.model._meta
    headers = [(name, capfirst(label_for_field(name, inline.model, inline))) for name in names]
    title = capfirst(inline.verbose_name_plural or opts.verbose_name_plural)
    return InlineTable(str(title), fk.remote_field.get_accessor_name(), headers, rows)


def _fk(inline, parent: Model):
    """The inline's key to the parent, as the admin finds it (`fk_name`, or the only one)."""
    if inline.fk_name:
        return inline.model._meta.get_field(inline.fk_name)
    return next(
        field
        for field in inline.model._meta.get_fields()
        if field.many_to_one and field.related_model is type(parent)
    )


def _cell(inline, name: str) -> Cell:
    """What `AdminReadonlyField.contents` shows for the column, worked out once for the column."""
    empty = inline.get_empty_value_display()
    try:
        field = inline.model._meta.get_field(name)
    except FieldDoesNotExist:
        return _callable_cell(getattr(inline, name))
    if isinstance(field.remote_field, ForeignObjectRel | OneToOneField) or field.many_to_one:
        return _related_cell(field, inline.admin_site.name, empty)
    return lambda obj: conditional_escape(linebreaksbr(display_for_field(getattr(obj, name), field, empty)))


def _callable_cell(attr) -> Cell:
    if getattr(attr, "boolean", False):
        return lambda obj: _boolean_icon(attr(obj))

    def shown(obj) -> str:
        value = attr(obj)
        return conditional_escape(value if hasattr(value, "__html__") else linebreaksbr(value))

    return shown


def _related_cell(field, site: str, empty: str) -> Cell:
    """A link to the related object's admin page, as the admin shows it, its URL reversed once."""
    related = field.remote_field.model._meta
    marker = "0ROW0"
    try:
        start, end = reverse(
            f"admin:{related.app_label}_{related.model_name}_change", args=[marker], current_app=site
        ).split(marker)
    except NoReverseMatch:
        start = end = None

    def shown(obj) -> str:
        value = getattr(obj, field.name)
        if value is None:
            return conditional_escape(linebreaksbr(display_for_field(None, field, empty)))
        if start is None:
            return conditional_escape(linebreaksbr(str(value)))
        return conditional_escape(
            linebreaksbr(format_html('<a href="{}">{}</a>', f"{start}{quote(value.pk)}{end}", value))
        )

    return shown
