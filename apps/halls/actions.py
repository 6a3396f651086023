"""A view's action: run it, then tell the person it was done or why it was refused."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError

from apps.core.refusals import refusal_message


def act(request, action, success: str):
    try:
        action()
    except (PermissionDenied, ValidationError) as refused:
        messages.error(request, refusal_message(refused))
    else:
        messages.success(request, success)
