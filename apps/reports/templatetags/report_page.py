"""`{% readonly_fieldset fieldset as shown %}`: the report page's read-only fields (`admin_fieldsets`)."""

from django import template

from ..admin_fieldsets import readonly_fieldset

register = template.Library()

register.simple_tag(readonly_fieldset, name="readonly_fieldset")
