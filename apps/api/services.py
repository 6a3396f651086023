"""Writes of the API: issuing and revoking credentials, and making a retried submission create once."""

from collections.abc import Callable
from typing import TypeVar
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.places.models import Place

from .models import PREFIX_LENGTH, ApiClient, ApiToken, Submission, digest, new_secret

Made = TypeVar("Made", bound=Model)


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


def submitted_once(*, user, key: UUID | None, model: type[Made], make: Callable[[], Made]) -> Made:
    """Run `make` once per submission key: a retry with the same key (even one racing the first)
    returns what the first made; a failed first attempt leaves the key free."""
    if key is None:
        return make()
    kind = model._meta.label_lower
    with transaction.atomic():
        try:
            with transaction.atomic():
                marker = Submission.objects.create(key=key, user=user, kind=kind)
        except IntegrityError:
            first = Submission.objects.filter(key=key, user=user, kind=kind).first()
            if first is None or first.object_id is None:
                raise ValidationError(
                    {"submission_key": _("This submission key was used for another request.")}
                ) from None
            return model.objects.get(pk=first.object_id)
        made = make()
        marker.object_id = made.pk
        marker.save(update_fields=["object_id"])
    return made
