"""One shape for every error of the REST API:
`{"code": "not_found", "message": "…", "fields": {"description": ["…"]}}`."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, serializers, status
from rest_framework.views import exception_handler


def api_exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(_django_detail(exc))
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = exception_handler(exc, context)
    if response is None:
        return None
    response.data = error_body(exc, response.data)
    return response


def error_body(exc, data) -> dict:
    if isinstance(exc, exceptions.ValidationError):
        fields = data if isinstance(data, dict) else {"non_field_errors": data}
        fields = {name: _messages(value) for name, value in fields.items()}
        general = fields.pop("non_field_errors", None) or fields.pop("__all__", None)
        message = " ".join(str(m) for m in general) if general else _("Some fields are not valid.")
        body = {"code": "invalid", "message": message, "fields": fields}
        if general:
            body["fields"]["non_field_errors"] = general
        return body
    code = exc.get_codes() if isinstance(exc, exceptions.APIException) else "error"
    message = data.get("detail", "") if isinstance(data, dict) else str(data)
    return {"code": code if isinstance(code, str) else "error", "message": str(message), "fields": {}}


def _messages(value) -> list[str]:
    """Every message under a field, flat (a list field's errors come keyed by item)."""
    if isinstance(value, dict):
        return [m for child in value.values() for m in _messages(child)]
    if isinstance(value, list | tuple):
        return [m for child in value for m in _messages(child)]
    return [str(value)]


def _django_detail(exc: DjangoValidationError):
    if hasattr(exc, "error_dict"):
        return {field: [str(m) for m in messages] for field, messages in exc.message_dict.items()}
    return {"non_field_errors": list(exc.messages)}


class ErrorSerializer(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField()
    fields = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"
