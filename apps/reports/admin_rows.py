"""The rows of an admin list as the admin renders them (`admin_list.items_for_result`), for a fraction of
its time: what it works out again for each of a page's 1,100 cells (the column's field or callable,
its CSS classes, the empty value, the link's preserved filters, which resolves the link's URL) is
worked out once per page, a cell is one string format and a row is one string. Columns of fields,
relations, choices and the admin's own callables; a popup or an editable list is left to the admin."""

import html
from collections.abc import Callable, Iterator

from django.contrib.admin.templatetags.admin_list import ResultList, results
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.admin.utils import display_for_field, display_for_value, quote
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

Cell = Callable[[models.Model], str]


def rows(cl) -> Iterator[ResultList]:
    """The page's rows, as `admin_list.results` gives them to `change_list_results.html`, each row's
    cells joined into one (the template writes them side by side)."""
    if cl.is_popup or cl.formset:
        yield from results(cl)
        return
    cells = [_cell(cl, index, name) for index, name in enumerate(cl.list_display)]
    for obj in cl.result_list:
        yield ResultList(None, [mark_safe("".join([cell(obj) for cell in cells]))])


def _cell(cl, index: int, name: str) -> Cell:
    admin = cl.model_admin
    empty = admin.get_empty_value_display()
    if name == "action_checkbox":
        return _wrapped("td", "action-checkbox", admin.action_checkbox)
    linked = name in _linked(cl)
    field = _field(cl.model, name)
    if field is None:
        attr = getattr(admin, name)
        empty = getattr(attr, "empty_value_display", empty)
        shown = _callable_shown(attr, empty)
        classes = f"field-{name}"
    else:
        shown = _field_shown(field, empty, linked)
        nowrap = isinstance(field, models.DateField | models.TimeField | models.ForeignKey)
        classes = f"field-{name}{' nowrap' if nowrap else ''}"
    if linked:
        return _linked_cell(cl, "th" if index == _first_link(cl) else "td", classes, shown)
    return _wrapped("td", classes, shown)


def _callable_shown(attr, empty: str) -> Cell:
    boolean = getattr(attr, "boolean", False)
    return lambda obj: display_for_value(_blank_as_empty(attr(obj)), empty, boolean)


def _field(model, name: str):
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:  # a callable of the admin
        return None


def _field_shown(field, empty: str, linked: bool) -> Cell:
    if isinstance(field.remote_field, models.ManyToOneRel):
        return _related_shown(field, empty)
    if field.flatchoices:
        choices = {value: str(label) for value, label in field.flatchoices}  # translated once a page
        return lambda obj: choices.get(getattr(obj, field.attname), empty)
    return lambda obj: display_for_field(
        _blank_as_empty(getattr(obj, field.attname)), field, empty, avoid_link=linked
    )


def _related_shown(field, empty: str) -> Cell:
    """The related object as text, once for each object the page names (a category on 40 rows)."""
    shown = {None: empty}

    def related(obj) -> str:
        key = getattr(obj, field.attname)
        if key not in shown:
            shown[key] = conditional_escape(getattr(obj, field.name))
        return shown[key]

    return related


def _blank_as_empty(value):
    return "" if isinstance(value, str) and value.strip() == "" else value


def _escaped(value) -> str:
    """`conditional_escape` as plain text, for a page's 1,100 cells: the row is marked safe once."""
    return value.__html__() if hasattr(value, "__html__") else html.escape(str(value))


def _wrapped(tag: str, classes: str, shown: Cell) -> Cell:
    opening, closing = f'<{tag} class="{classes}">', f"</{tag}>"
    return lambda obj: opening + _escaped(shown(obj)) + closing


def _linked_cell(cl, tag: str, classes: str, shown: Cell) -> Cell:
    opening, closing = f'<{tag} class="{classes}"><a href="', f"</a></{tag}>"
    url = _change_url(cl)

    def linked(obj) -> str:
        return f'{opening}{url(obj)}">{_escaped(shown(obj))}{closing}'

    return linked


def _change_url(cl) -> Callable[[models.Model], str]:
    """The URL of a row's change page with the list's filters preserved, as the admin adds them: the
    same path around each row's key, and the same query string."""
    marker = "0ROW0"
    path = cl.url_for_result(cl.model(pk=marker))
    start, end = path.split(marker)
    preserved = add_preserved_filters({"preserved_filters": cl.preserved_filters, "opts": cl.opts}, path)
    start, end = conditional_escape(start), conditional_escape(end + preserved[len(path) :])
    return lambda obj: f"{start}{_escaped(quote(obj.pk))}{end}"


def _linked(cl) -> list[str]:
    if cl.list_display_links is None:
        return []
    return list(cl.list_display_links) or [cl.list_display[_first_link(cl)]]


def _first_link(cl) -> int:
    """The column of the first link: the first column that is not the checkbox, unless named."""
    names = list(cl.list_display)
    if cl.list_display_links:
        return min(names.index(name) for name in cl.list_display_links)
    return next(index for index, name in enumerate(names) if name != "action_checkbox")
