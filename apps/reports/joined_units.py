"""Units joined to a report besides its handler: co-handlers (协办) added by the dispatcher, who read
the report and add notes, and units summoned (吹哨报到), who must report in (报到) by a deadline and
then do their part."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.places.models import Department

# steps of joined units: among staff; the resident's follow page shows only which units were called in
UNIT_ACTIONS = frozenset({"add_cohandler", "summon", "report_in", "unit_note", "unit_done", "unit_escalated"})


class JoinedUnit(models.Model):
    class Part(models.TextChoices):
        COHANDLER = "cohandler", _("Co-handler (协办)")
        SUMMONED = "summoned", _("Summoned (吹哨报到)")

    report = models.ForeignKey("reports.Report", on_delete=models.CASCADE, related_name="joined_units")
    department = models.ForeignKey(
        Department, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="joined_reports"
    )
    part = models.CharField(_("part"), max_length=16, choices=Part.choices)
    joined_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("joined by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    joined_at = models.DateTimeField(_("joined at"), default=timezone.now)
    report_in_due = models.DateTimeField(_("report in by"), null=True, blank=True)
    reported_in_at = models.DateTimeField(_("reported in at"), null=True, blank=True)
    reported_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported in by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    done_at = models.DateTimeField(_("its part done at"), null=True, blank=True)

    access_anchors = ("report__place",)
    # the unit's own staff ("department", through which they report in and add notes), and whoever
    # else reads the report
    access_department = ("department", "report__department", "report__joined_units__department")

    class Meta:
        verbose_name = _("joined unit")
        verbose_name_plural = _("joined units")
        ordering = ["joined_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["report", "department"], name="reports_unit_joined_once"),
            models.CheckConstraint(
                condition=Q(part="cohandler") | Q(part="summoned", report_in_due__isnull=False),
                name="reports_summoned_unit_has_deadline",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report} · {self.department} · {self.get_part_display()}"
