"""`Authorization: Token <secret>` for the REST API, beside the session of the pages."""

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from .selectors import client_by_key, token_holder


class TokenAuthentication(authentication.BaseAuthentication):
    keyword = "Token"

    def authenticate(self, request):
        parts = authentication.get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword.lower().encode():
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(_("Send the header as “Token <your token>”."))
        try:
            secret = parts[1].decode()
        except UnicodeError as error:
            raise exceptions.AuthenticationFailed(_("This token is not valid.")) from error
        user = token_holder(secret)
        if user is None:
            raise exceptions.AuthenticationFailed(_("This token is not valid."))
        return user, secret

    def authenticate_header(self, request) -> str:
        return self.keyword


class TokenAuthenticationScheme(OpenApiAuthenticationExtension):
    target_class = "apps.api.authentication.TokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "Token <secret>",
        }


class ClientKeyAuthentication(authentication.BaseAuthentication):
    """`Authorization: Client <api_key>`: an outside system (`ApiClient`) rather than a person; the
    request's `auth` is the client, its user nobody."""

    keyword = "Client"

    def authenticate(self, request):
        parts = authentication.get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword.lower().encode():
            return None
        try:
            client = client_by_key(parts[1].decode()) if len(parts) == 2 else None
        except UnicodeError:
            client = None
        if client is None:
            raise exceptions.AuthenticationFailed(_("This api_key is not valid."))
        return AnonymousUser(), client

    def authenticate_header(self, request) -> str:
        return self.keyword


class ClientKeyAuthenticationScheme(OpenApiAuthenticationExtension):
    target_class = "apps.api.authentication.ClientKeyAuthentication"
    name = "clientKeyAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "Client <api_key>",
        }
