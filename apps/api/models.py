"""Credentials for machines: a person's API token, and a client system's Open311 key; and the
submission keys that make a retried request create one object.

Only a hash of each secret is stored; the secret itself is shown once, when it is issued.
"""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.places.models import Place

PREFIX_LENGTH = 8


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class ApiToken(models.Model):
    """A person's token for the REST API (`Authorization: Token <secret>`); it acts as that person."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField(_("name"), max_length=60, blank=True)
    prefix = models.CharField(_("prefix"), max_length=PREFIX_LENGTH, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("issued at"), default=timezone.now)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    access_anchors = ("user__role_assignments__place",)
    access_owner = "user"

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.user} · {self.prefix}…"


class ApiClient(models.Model):
    """An outside system (an app, the 12345 hotline, a city platform) allowed to post Open311
    requests for the places below `place`."""

    name = models.CharField(_("name"), max_length=120)
    contact = models.CharField(_("contact"), max_length=200, blank=True)
    place = models.ForeignKey(
        Place,
        verbose_name=_("may report within"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind__in": ["district", "street", "community"]},
    )
    prefix = models.CharField(_("key prefix"), max_length=PREFIX_LENGTH, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    is_active = models.BooleanField(_("active"), default=True)
    # the city's 12345 hotline platform: may also send city orders (/api/v1/hotline/orders/)
    sends_city_orders = models.BooleanField(_("sends 12345 city orders"), default=False)
    created_at = models.DateTimeField(_("issued at"), default=timezone.now)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)

    access_anchors = ("place",)

    class Meta:
        verbose_name = _("Open311 client")
        verbose_name_plural = _("Open311 clients")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Submission(models.Model):
    """A client's submission key and what its first request made: a retry returns that object."""

    key = models.UUIDField(unique=True, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=60, editable=False)
    object_id = models.PositiveBigIntegerField(null=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("submission key")
        verbose_name_plural = _("submission keys")

    def __str__(self) -> str:
        return str(self.key)
