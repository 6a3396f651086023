"""A read-only fieldset (the report's page: 24 fields, none editable) as the admin's
`admin/includes/fieldset.html` renders it, written in one pass: the template's tags, asked again for
each field, cost more than the fields' contents. Anything else (a heading, a description, an editable
field, two fields on a line) is left to the admin's template."""

import html

from django.utils.safestring import SafeString, mark_safe


def readonly_fieldset(fieldset) -> SafeString | None:
    """The fieldset's HTML, or None where it is not plain read-only lines of one field each."""
    if fieldset.name or fieldset.description:
        return None
    lines = []
    for line in fieldset:
        fields = list(line)
        if len(fields) != 1 or not fields[0].is_readonly:
            return None
        lines.append(_line(fields[0]))
    classes = html.escape(fieldset.classes)
    return mark_safe(f'<fieldset class="module aligned {classes}">{"".join(lines)}</fieldset>')


def _line(field) -> str:
    name, help_text = field.field["name"], field.field["help_text"]
    named = f" field-{html.escape(str(name))}" if name else ""
    helped = f'<div class="help"><div>{help_text}</div></div>' if help_text else ""  # `|safe`, as there
    return (
        f'<div class="form-row{named}"><div><div class="flex-container">{field.label_tag()}'
        f'<div class="readonly">{field.contents()}</div></div>{helped}</div></div>'
    )
