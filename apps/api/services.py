"""Writes of the API: issuing and revoking credentials."""

from django.db import transaction
from django.utils import timezone

from apps.places.models import Place

from .models import PREFIX_LENGTH, ApiClient, ApiToken, digest, new_secret


def api_token_issue(*, user, name: str = "") -> tuple[ApiToken, str]:
    """A new token for `user`; returns it with its secret, which is not stored and shown only now."""
    secret = new_secret()
    token = ApiToken(user=user, name=name.strip(), prefix=secret[:PREFIX_LENGTH], key_hash=digest(secret))
    token.full_clean()
    token.save()
    return token, secret


def api_token_revoke(*, token: ApiToken) -> None:
    ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())


def api_client_issue(*, name: str, place: Place, contact: str = "") -> tuple[ApiClient, str]:
    """Register an Open311 client; returns it with its api_key, shown only now."""
    client = ApiClient(name=name.strip(), place=place, contact=contact.strip())
    secret = assign_key(client)
    client.full_clean()
    client.save()
    return client, secret


@transaction.atomic
def api_client_rotate(*, client: ApiClient) -> str:
    """A new api_key for the client; the old one stops working at once."""
    client = ApiClient.objects.select_for_update().get(pk=client.pk)
    secret = assign_key(client)
    client.save(update_fields=["prefix", "key_hash"])
    return secret


def assign_key(client: ApiClient) -> str:
    """Give the client a new api_key (not saved yet); returns the key, which is not stored."""
    secret = new_secret()
    client.prefix, client.key_hash = secret[:PREFIX_LENGTH], digest(secret)
    return secret
