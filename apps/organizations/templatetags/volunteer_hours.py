"""Volunteer hours as people read them, the same on every page and certificate: 3, 2.5, 2.25."""

from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def hours(value) -> str:
    if value is None or value == "":
        return ""
    return f"{Decimal(value).normalize():f}"
