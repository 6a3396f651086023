"""The schema of every REST operation documents the error answers it may give, in the one error shape."""

import threading

from django.conf import settings
from django.utils.translation import get_language
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.views import SpectacularAPIView
from rest_framework.response import Response

from .errors import ErrorSerializer

ALWAYS = ("400", "401", "403", "404", "415")
ON_POST = ("409", "429")


class ApiSchema(AutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        codes = ALWAYS + ON_POST if self.method == "POST" else ALWAYS
        for code in codes:
            if code not in responses:
                responses[code] = self._get_response_for_code(ErrorSerializer, code, direction=direction)
        return responses


_building = threading.Lock()
_built: dict[str, dict] = {}


def built_schema() -> dict:
    """The public schema in the active language, generated once per process: drf-spectacular's
    generator keeps state while it runs, so two threads generating at once disturb each other."""
    language = get_language() or settings.LANGUAGE_CODE
    with _building:
        if language not in _built:
            _built[language] = SchemaGenerator().get_schema(request=None, public=True)
        return _built[language]


class SchemaView(SpectacularAPIView):
    def _get_schema_response(self, request):
        disposition = 'inline; filename="schema.yaml"'
        return Response(data=built_schema(), headers={"Content-Disposition": disposition})
