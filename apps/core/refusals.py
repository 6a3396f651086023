"""What a person reads when a service refuses their action (PermissionDenied or ValidationError)."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


def refusal_message(error: PermissionDenied | Exception) -> str:
    if isinstance(error, PermissionDenied):
        return str(error) or _("You may not do that here.")
    return " ".join(error.messages)
