"""
Street oversight: daily and weekly rollups of reports (what every dashboard figure reads), early
warnings, the monthly topic an official follows and the weekly ledgers sent to responsible units.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.photo_models import StoredPhoto, photo_files
from apps.places.models import Department, ManagementUnit, Place
from apps.reports.models import Category

ROLLUP_COUNTS = (
    "submitted",
    "reports",
    "responded_in_time",
    "rated",
    "solved",
    "satisfied",
    "open",
    "overdue",
    "escalated",
)


class RollupCounts(models.Model):
    """The figures a rollup row holds about the reports behind it."""

    submitted = models.PositiveIntegerField(default=0)
    reports = models.PositiveIntegerField(default=0)
    responded_in_time = models.PositiveIntegerField(default=0)
    rated = models.PositiveIntegerField(default=0)
    solved = models.PositiveIntegerField(default=0)
    satisfied = models.PositiveIntegerField(default=0)
    open = models.PositiveIntegerField(default=0)
    overdue = models.PositiveIntegerField(default=0)
    escalated = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True


class DailyRollup(RollupCounts):
    """The reports submitted on `day` at one (community, compound, category, management unit,
    department, channel), counted by what they are now: `reports` and the rate figures leave out
    merged and rejected reports as reports/rates.py does, `submitted` counts them all; `overdue` is as
    of the last refresh."""

    day = models.DateField(_("day"))
    community = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="+")
    compound = models.ForeignKey(Place, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="+")
    management_unit = models.ForeignKey(
        ManagementUnit, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    department = models.ForeignKey(
        Department, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    source = models.CharField(_("channel"), max_length=16, default="qr")

    access_anchors = ("community",)

    class Meta:
        verbose_name = _("daily report figures")
        verbose_name_plural = _("daily report figures")
        constraints = [
            models.UniqueConstraint(
                F("day"),
                F("community"),
                Coalesce(F("compound"), Value(0)),
                F("category"),
                Coalesce(F("management_unit"), Value(0)),
                Coalesce(F("department"), Value(0)),
                F("source"),
                name="oversight_rollup_one_row_per_key",
            ),
            models.CheckConstraint(
                condition=Q(reports__lte=F("submitted"), rated__lte=F("reports"), overdue__lte=F("open")),
                name="oversight_rollup_counts_consistent",
            ),
        ]
        indexes = [
            models.Index(fields=["community", "day"], name="oversight_rollup_community_day"),
            models.Index(fields=["day"], name="oversight_rollup_day"),
            models.Index(fields=["community"], name="oversight_rollup_open", condition=Q(open__gt=0)),
            models.Index(fields=["category", "day"], name="oversight_rollup_category_day"),
        ]

    def __str__(self) -> str:
        return f"{self.day} · {self.community_id} · {self.category_id}"


class WeeklyRollup(RollupCounts):
    """The daily rows of the week starting on Monday `week`, summed per (community, major category,
    management unit, department, channel): what rankings, trends and long periods read, about a sixth
    of the daily rows of a week. Written from the daily rows in the transaction that writes them, so
    the two agree."""

    week = models.DateField(_("week"))
    community = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="+")
    major = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="+")
    management_unit = models.ForeignKey(
        ManagementUnit, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    department = models.ForeignKey(
        Department, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    source = models.CharField(_("channel"), max_length=16, default="qr")

    access_anchors = ("community",)

    class Meta:
        verbose_name = _("weekly report figures")
        verbose_name_plural = _("weekly report figures")
        constraints = [
            models.UniqueConstraint(
                F("week"),
                F("community"),
                F("major"),
                Coalesce(F("management_unit"), Value(0)),
                Coalesce(F("department"), Value(0)),
                F("source"),
                name="oversight_weekly_one_row_per_key",
            ),
            models.CheckConstraint(
                condition=Q(reports__lte=F("submitted"), rated__lte=F("reports"), overdue__lte=F("open")),
                name="oversight_weekly_counts_consistent",
            ),
        ]
        indexes = [
            models.Index(fields=["community", "week"], name="oversight_weekly_community"),
            models.Index(fields=["week"], name="oversight_weekly_week"),
            models.Index(fields=["community"], name="oversight_weekly_open", condition=Q(open__gt=0)),
        ]

    def __str__(self) -> str:
        return f"{self.week} · {self.community_id} · {self.major_id}"


class RollupState(models.Model):
    """Where the incremental refresh stopped: the last timeline event it has surely seen and when it ran."""

    name = models.CharField(max_length=32, unique=True)
    last_event_id = models.BigIntegerField(default=0)
    refreshed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("rollup state")
        verbose_name_plural = _("rollup states")

    def __str__(self) -> str:
        return self.name


class EarlyWarning(models.Model):
    """未诉先办: a place, or a category in a community, rising well above its usual rate."""

    class Status(models.TextChoices):
        OPEN = "open", _("New")
        ACKNOWLEDGED = "acknowledged", _("Acknowledged")
        TASKED = "tasked", _("Turned into a task")

    place = models.ForeignKey(Place, verbose_name=_("place"), on_delete=models.CASCADE, related_name="+")
    category = models.ForeignKey(
        Category,
        verbose_name=_("category"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    raised_on = models.DateField(_("raised on"))
    recent = models.PositiveIntegerField(_("reports in the last 7 days"))
    usual = models.FloatField(_("usual reports a week"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.OPEN)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)
    task = models.ForeignKey(
        "reports.Report",
        verbose_name=_("task"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)

    access_anchors = ("place",)

    class Meta:
        verbose_name = _("early warning")
        verbose_name_plural = _("early warnings")
        ordering = ["-raised_on", "-recent"]
        constraints = [
            models.UniqueConstraint(
                F("place"),
                Coalesce(F("category"), Value(0)),
                F("raised_on"),
                name="oversight_warning_once_a_day",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["open", "acknowledged", "tasked"]),
                name="oversight_warning_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.place} · {self.category or ''} · {self.raised_on}"


class MonthlyTopic(models.Model):
    """每月一题: the category a street's officials chose to fix systematically this month."""

    street = models.ForeignKey(Place, verbose_name=_("street"), on_delete=models.CASCADE, related_name="+")
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(_("note"), blank=True)
    lead_unit = models.CharField(_("lead unit"), max_length=120, blank=True)
    chosen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    chosen_at = models.DateTimeField(default=timezone.now)

    access_anchors = ("street",)

    class Meta:
        verbose_name = _("monthly topic")
        verbose_name_plural = _("monthly topics")
        ordering = ["-month"]
        constraints = [
            models.UniqueConstraint(fields=["street", "month"], name="oversight_one_topic_a_month"),
        ]

    def __str__(self) -> str:
        return f"{self.street} · {self.month:%Y-%m} · {self.category}"


class LedgerSent(models.Model):
    """问题台账: the lines of one week's ledger as they were sent to one responsible unit — a
    property-management unit, or a community for the reports no unit handles."""

    week = models.DateField(_("week of"))
    community = models.ForeignKey(
        Place, verbose_name=_("community"), on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    management_unit = models.ForeignKey(
        ManagementUnit,
        verbose_name=_("property-management unit"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    unit_name = models.CharField(_("responsible unit"), max_length=120)
    lines = models.JSONField(_("lines"), default=list, help_text=_("Kind of line, name, reports."))
    total = models.PositiveIntegerField(_("reports in the week"), default=0)
    recipients = models.PositiveIntegerField(_("people told"), default=0)
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    access_anchors = ("community", "management_unit__compounds")

    class Meta:
        verbose_name = _("weekly problem ledger")
        verbose_name_plural = _("weekly problem ledgers")
        ordering = ["-week", "unit_name"]
        constraints = [
            models.UniqueConstraint(
                F("week"),
                Coalesce(F("community"), Value(0)),
                Coalesce(F("management_unit"), Value(0)),
                name="oversight_ledger_once_a_week",
            ),
            models.CheckConstraint(
                condition=Q(community__isnull=False, management_unit__isnull=True)
                | Q(community__isnull=True, management_unit__isnull=False),
                name="oversight_ledger_one_responsible_unit",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.week} · {self.unit_name}"


class LedgerReply(models.Model):
    """双向督办: a unit's reply to one line of its weekly ledger — measures, photos, a date by which
    they are done — followed until the street closes it."""

    class Status(models.TextChoices):
        ANSWERED = "answered", _("Answered by the unit")
        CLOSED = "closed", _("Closed by the street")

    ledger = models.ForeignKey(
        LedgerSent, verbose_name=_("weekly problem ledger"), on_delete=models.CASCADE, related_name="replies"
    )
    position = models.PositiveSmallIntegerField(_("line"))
    kind = models.CharField(_("kind of line"), max_length=16)
    name = models.CharField(_("name"), max_length=120)
    reports = models.PositiveIntegerField(_("reports in the week"), default=0)
    measures = models.TextField(_("measures"))
    due_on = models.DateField(_("done by"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.ANSWERED)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("answered by"), on_delete=models.PROTECT, related_name="+"
    )
    replied_at = models.DateTimeField(_("answered at"), default=timezone.now)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closing_note = models.TextField(_("closing note"), blank=True)

    access_anchors = ("ledger__community", "ledger__management_unit__compounds")

    class Meta:
        verbose_name = _("ledger reply")
        verbose_name_plural = _("ledger replies")
        ordering = ["ledger", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["ledger", "position"], name="oversight_ledger_line_answered_once"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["answered", "closed"]), name="oversight_ledger_reply_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.ledger} · {self.name}"


class LedgerReplyPhoto(StoredPhoto):
    reply = models.ForeignKey(LedgerReply, on_delete=models.CASCADE, related_name="photos")
    image, thumbnail = photo_files("ledger")

    access_anchors = ("reply__ledger__community", "reply__ledger__management_unit__compounds")
    access_files = {
        "image": ("oversight.view_ledgerreply", "reply"),
        "thumbnail": ("oversight.view_ledgerreply", "reply"),
    }

    class Meta(StoredPhoto.Meta):
        verbose_name = _("ledger reply photo")
        verbose_name_plural = _("ledger reply photos")


class TopicMeasure(models.Model):
    """One measure of the monthly topic's checklist, with its progress."""

    topic = models.ForeignKey(
        MonthlyTopic, verbose_name=_("monthly topic"), on_delete=models.CASCADE, related_name="measures"
    )
    text = models.CharField(_("measure"), max_length=200)
    due_on = models.DateField(_("done by"), null=True, blank=True)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    note = models.TextField(_("note"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    access_anchors = ("topic__street",)

    class Meta:
        verbose_name = _("topic measure")
        verbose_name_plural = _("topic measures")
        ordering = ["topic", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="oversight_measure_progress_percent"),
        ]

    def __str__(self) -> str:
        return self.text
