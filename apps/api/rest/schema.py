"""The schema of every REST operation documents the error answers it may give, in the one error shape."""

from drf_spectacular.openapi import AutoSchema

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
