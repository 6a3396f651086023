"""Reads of the API: who a secret belongs to."""

from datetime import timedelta

from django.utils import timezone

from .models import ApiClient, ApiToken, digest

TOUCH_EVERY = timedelta(minutes=5)


def token_holder(secret: str):
    """The person a REST token acts for, or None for an unknown or revoked token."""
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=digest(secret), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    _touch(ApiToken, token)
    return token.user


def client_by_key(secret: str) -> ApiClient | None:
    client = (
        ApiClient.objects.select_related("place").filter(key_hash=digest(secret), is_active=True).first()
        if secret
        else None
    )
    if client is not None:
        _touch(ApiClient, client)
    return client


def _touch(model, obj) -> None:
    """Record use, at most once every few minutes per credential."""
    now = timezone.now()
    if obj.last_used_at is None or now - obj.last_used_at > TOUCH_EVERY:
        model.objects.filter(pk=obj.pk).update(last_used_at=now)
