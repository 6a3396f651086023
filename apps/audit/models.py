"""The audit log: what staff did, where and when, in one append-only table."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("the audit log is append-only")

    def delete(self):
        raise PermissionError("the audit log is append-only")


class StaffAction(models.Model):
    """One change made by a person at work: in the admin, or a step taken through a service
    (a report dispatched, a residency verified, a hall's procedure: a topic's step, a paper ballot,
    a proxy, a comment hidden). Append-only. Anchored to the place it concerns, so it is
    seen by the staff of that place and the officials above it, and by no one else."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=64)
    place = models.ForeignKey(
        "places.Place", verbose_name=_("place"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.SET_NULL, null=True, related_name="+")
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=200, blank=True)
    detail = models.TextField(_("detail"), blank=True)
    address = models.GenericIPAddressField(_("from address"), null=True, blank=True)
    created_at = models.DateTimeField(_("at"), default=timezone.now)

    objects = AppendOnlyQuerySet.as_manager()

    access_anchors = ("place",)

    class Meta:
        verbose_name = _("staff action")
        verbose_name_plural = _("staff actions")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["created_at"], name="audit_action_time"),
            models.Index(fields=["content_type", "object_id"], name="audit_action_object"),
        ]

    def __str__(self) -> str:
        return f"{self.action} · {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("the audit log is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("the audit log is append-only")
