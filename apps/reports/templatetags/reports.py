"""`{% reports_of_reporter user as reports %}`: pages of lower apps (my home) list a resident's
reports without importing reports."""

from django import template

from ..selectors import reports_of_reporter

register = template.Library()


@register.simple_tag(name="reports_of_reporter")
def reports_of_reporter_tag(user) -> list:
    return reports_of_reporter(user=user)
