"""`{% unread_notifications user as unread %}`: pages of lower apps (my home) show the count
without importing notifications."""

from django import template

from ..selectors import unread_count

register = template.Library()


@register.simple_tag
def unread_notifications(user) -> int:
    return unread_count(user=user)
