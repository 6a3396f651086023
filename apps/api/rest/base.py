"""What every REST view shares: authentication, pagination, throttles and the error shape."""

from django.conf import settings
from rest_framework import authentication, exceptions, pagination, throttling
from rest_framework.permissions import AllowAny, IsAuthenticated

from apps.core.replica import replica_reads

from ..authentication import TokenAuthentication
from .errors import api_exception_handler
from .schema import ApiSchema

ANONYMOUS_CREATE_RATE = "20/hour"


class PagePagination(pagination.PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class NewestFirstPagination(pagination.CursorPagination):
    """Cursor pages for long, growing lists: no count, the same cost on page 1 and page 1,000."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    ordering = ("-created_at", "-id")


class AnonymousCreateThrottle(throttling.AnonRateThrottle):
    """Creation without an account, per address (`API_ANONYMOUS_CREATE_RATE`)."""

    scope = "anonymous_create"

    def get_rate(self):
        return getattr(settings, "API_ANONYMOUS_CREATE_RATE", ANONYMOUS_CREATE_RATE)

    def allow_request(self, request, view):
        if request.method != "POST":
            return True
        return super().allow_request(request, view)


class SuggestThrottle(throttling.UserRateThrottle):
    """Category suggestions, per person or, signed out, per address (`API_SUGGEST_RATE`)."""

    scope = "suggest"

    def get_rate(self):
        return settings.API_SUGGEST_RATE


class ApiMixin:
    authentication_classes = [TokenAuthentication, authentication.SessionAuthentication]
    permission_classes = [IsAuthenticated]
    pagination_class = PagePagination
    schema = ApiSchema()

    def get_exception_handler(self):
        return api_exception_handler

    def list(self, request, *args, **kwargs):
        with replica_reads(request):
            return super().list(request, *args, **kwargs)


class PublicMixin(ApiMixin):
    permission_classes = [AllowAny]


def path_id(value: str) -> int:
    """A path's id; anything but a plain number is simply not found."""
    if not (value.isascii() and value.isdigit()) or len(value) > 18:
        raise exceptions.NotFound()
    return int(value)
