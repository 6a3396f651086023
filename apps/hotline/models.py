"""
12345 city orders (接诉即办): an order the city's hotline sends down, kept beside the report it entered
the queue as — the city's order number, when it was sent, the address as the city wrote it, and the
city's deadlines, which win over the category's.
"""

from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.reports.models import Report


class CityOrder(models.Model):
    number = models.CharField(_("city order number"), max_length=64, unique=True)
    report = models.OneToOneField(
        Report, verbose_name=_("report"), on_delete=models.PROTECT, related_name="city_order"
    )
    sent_at = models.DateTimeField(_("sent down at"))
    address = models.CharField(_("address as the city gave it"), max_length=200, blank=True)
    urgent = models.BooleanField(_("urgent"), default=False)
    # the city's deadlines; empty: the category's apply
    response_due = models.DateTimeField(_("city's deadline to respond"), null=True, blank=True)
    resolve_due = models.DateTimeField(_("city's deadline to resolve"), null=True, blank=True)
    created_at = models.DateTimeField(_("received at"), default=timezone.now)
    updated_at = models.DateTimeField(_("last updated at"), default=timezone.now)

    access_anchors = ("report__place",)

    class Meta:
        verbose_name = _("city order")
        verbose_name_plural = _("city orders")
        ordering = ["-sent_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(resolve_due__isnull=True) | Q(resolve_due__gt=F("sent_at")),
                name="hotline_order_resolve_due_after_sent",
            ),
        ]
        indexes = [models.Index(fields=["sent_at"], name="hotline_order_sent")]

    def __str__(self) -> str:
        return self.number
