"""
文明数治: inspection points of 39 categories, each category's checklist of standards, the rounds that
share a street's points among its inspectors, and each inspection's verdict per standard.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.photo_models import StoredPhoto, photo_files
from apps.places.models import Department, ManagementUnit, Place
from apps.reports.models import HandlerKind

DEFAULT_CYCLE_DAYS = 61  # every two months


class PointCategory(models.Model):
    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=60)
    cycle_days = models.PositiveIntegerField(_("inspected every (days)"), default=DEFAULT_CYCLE_DAYS)
    is_active = models.BooleanField(_("in use"), default=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("point category")
        verbose_name_plural = _("point categories")
        ordering = ["position", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(cycle_days__gte=1), name="inspections_category_cycle_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Standard(models.Model):
    """One line of a category's checklist."""

    category = models.ForeignKey(
        PointCategory, verbose_name=_("category"), on_delete=models.CASCADE, related_name="standards"
    )
    code = models.CharField(_("code"), max_length=40)
    text = models.CharField(_("standard"), max_length=200)
    position = models.PositiveIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("standard")
        verbose_name_plural = _("standards")
        ordering = ["category", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["category", "code"], name="inspections_standard_code_once"),
        ]

    def __str__(self) -> str:
        return self.text


class InspectionPoint(models.Model):
    """A place inspected: a back street, a market, a toilet, a bin station, a compound's gate…"""

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    category = models.ForeignKey(PointCategory, verbose_name=_("category"), on_delete=models.PROTECT)
    place = models.ForeignKey(
        Place, verbose_name=_("place"), on_delete=models.PROTECT, related_name="inspection_points"
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    handler_kind = models.CharField(_("responsible unit"), max_length=16, choices=HandlerKind.choices)
    management_unit = models.ForeignKey(
        ManagementUnit,
        verbose_name=_("property-management unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="inspection_points",
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("street department"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="inspection_points",
    )
    is_active = models.BooleanField(_("in use"), default=True)

    access_anchors = ("place",)
    access_department = ("department",)

    class Meta:
        verbose_name = _("inspection point")
        verbose_name_plural = _("inspection points")
        ordering = ["place__path", "code"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(handler_kind="property") | Q(management_unit__isnull=False),
                name="inspections_point_property_names_unit",
            ),
            models.CheckConstraint(
                condition=~Q(handler_kind="street") | Q(department__isnull=False),
                name="inspections_point_street_names_department",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Round(models.Model):
    """One cycle of a category's points in a street, shared among the street's inspectors."""

    street = models.ForeignKey(Place, verbose_name=_("street"), on_delete=models.PROTECT, related_name="+")
    category = models.ForeignKey(PointCategory, verbose_name=_("category"), on_delete=models.PROTECT)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    access_anchors = ("street",)

    class Meta:
        verbose_name = _("round")
        verbose_name_plural = _("rounds")
        ordering = ["-starts_on", "category"]
        constraints = [
            models.UniqueConstraint(
                fields=["street", "category", "starts_on"], name="inspections_round_once_per_cycle"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="inspections_round_dates"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.category} · {self.starts_on:%Y-%m-%d}–{self.ends_on:%Y-%m-%d}"


class Assignment(models.Model):
    round = models.ForeignKey(
        Round, verbose_name=_("round"), on_delete=models.CASCADE, related_name="assignments"
    )
    point = models.ForeignKey(
        InspectionPoint, verbose_name=_("point"), on_delete=models.CASCADE, related_name="+"
    )
    inspector = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("inspector"), on_delete=models.PROTECT, related_name="+"
    )
    walk_order = models.PositiveIntegerField(_("walking order"))
    planned_on = models.DateField(_("planned on"))
    inspected_at = models.DateTimeField(_("inspected at"), null=True, blank=True)

    access_anchors = ("point__place",)
    access_owner = "inspector"

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["planned_on", "walk_order"]
        constraints = [
            models.UniqueConstraint(fields=["round", "point"], name="inspections_point_once_per_round"),
        ]
        indexes = [models.Index(fields=["inspector", "planned_on"], name="inspections_assignment_day")]

    def __str__(self) -> str:
        return f"{self.round} · {self.point}"


class Inspection(models.Model):
    """An inspector's verdict on a point: pass or fail per standard, photos and a note."""

    point = models.ForeignKey(
        InspectionPoint, verbose_name=_("point"), on_delete=models.PROTECT, related_name="inspections"
    )
    assignment = models.ForeignKey(
        Assignment,
        verbose_name=_("assignment"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inspections",
    )
    # the assignment's round, kept on the inspection so the figures group by it without a join
    round = models.ForeignKey(
        Round, verbose_name=_("round"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    inspector = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("inspector"), on_delete=models.PROTECT, related_name="+"
    )
    passed = models.BooleanField(_("passed"))
    note = models.TextField(_("note"), blank=True)
    submission_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    created_at = models.DateTimeField(_("inspected at"), default=timezone.now)

    access_anchors = ("point__place",)
    access_owner = "inspector"

    class Meta:
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")
        ordering = ["-created_at"]
        indexes = [
            # the figures read a period's inspections and group them by point or round
            models.Index(
                fields=["created_at"], include=["point", "round", "passed"], name="inspections_inspected_at"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.point} · {self.created_at:%Y-%m-%d}"


class Verdict(models.Model):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="verdicts")
    standard = models.ForeignKey(Standard, verbose_name=_("standard"), on_delete=models.PROTECT)
    passed = models.BooleanField(_("passed"))

    access_anchors = ("inspection__point__place",)

    class Meta:
        verbose_name = _("verdict")
        verbose_name_plural = _("verdicts")
        ordering = ["standard__position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "standard"], name="inspections_verdict_once"),
        ]

    def __str__(self) -> str:
        return f"{self.standard} · {self.passed}"


class InspectionPhoto(StoredPhoto):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="photos")
    image, thumbnail = photo_files("inspections")

    access_anchors = ("inspection__point__place",)
    access_files = {
        "image": ("inspections.view_inspection", "inspection"),
        "thumbnail": ("inspections.view_inspection", "inspection"),
    }

    class Meta(StoredPhoto.Meta):
        verbose_name = _("inspection photo")
        verbose_name_plural = _("inspection photos")


class NoticeCounter(models.Model):
    """The last number given per street and year; its row is locked while a notice takes the next."""

    street = models.ForeignKey(Place, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["street", "year"], name="inspections_counter_once_per_year"),
        ]

    def __str__(self) -> str:
        return f"{self.street_id} · {self.year} · {self.last}"


class Notice(models.Model):
    """督查通知单: a failed inspection sent to the point's responsible unit to rectify by a deadline."""

    class Status(models.TextChoices):
        ISSUED = "issued", _("Issued")
        ANSWERED = "answered", _("Rectification reported")
        PASSED = "passed", _("Passed on re-inspection")
        RETURNED = "returned", _("Returned after re-inspection")

    number = models.CharField(_("number"), max_length=32, db_index=True)  # unique within its street
    street = models.ForeignKey(Place, verbose_name=_("street"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    serial = models.PositiveIntegerField(_("serial"))
    inspection = models.OneToOneField(
        Inspection, verbose_name=_("inspection"), on_delete=models.PROTECT, related_name="notice"
    )
    point = models.ForeignKey(
        InspectionPoint, verbose_name=_("point"), on_delete=models.PROTECT, related_name="notices"
    )
    handler_kind = models.CharField(_("responsible unit"), max_length=16, choices=HandlerKind.choices)
    management_unit = models.ForeignKey(
        ManagementUnit,
        verbose_name=_("property-management unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("street department"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="inspection_notices",
    )
    # the inspection's round, kept on the notice so the figures group by it without a join
    round = models.ForeignKey(
        Round, verbose_name=_("round"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.ISSUED)
    deadline = models.DateTimeField(_("rectify by"))
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)

    access_anchors = ("point__place",)
    access_department = ("department",)

    class Meta:
        verbose_name = _("supervision notice")
        verbose_name_plural = _("supervision notices")
        ordering = ["-issued_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["street", "year", "serial"], name="inspections_notice_number_once"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["issued", "answered", "passed", "returned"]),
                name="inspections_notice_status_valid",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "deadline"], name="inspections_notice_due"),
            # the figures read a period's notices and group them by point, unit or round
            models.Index(
                fields=["issued_at"],
                include=["point", "round", "status", "deadline"],
                name="inspections_notice_issued_at",
            ),
        ]

    def __str__(self) -> str:
        return self.number


class NoticeStep(models.Model):
    """The unit's rectification or a re-inspection's verdict on a notice, with a note and photos."""

    class Kind(models.TextChoices):
        ANSWER = "answer", _("Rectification")
        PASS = "pass", _("Passed on re-inspection")
        RETURN = "return", _("Returned with reasons")

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(_("step"), max_length=16, choices=Kind.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("at"), default=timezone.now)

    access_anchors = ("notice__point__place",)
    access_department = ("notice__department",)

    class Meta:
        verbose_name = _("notice step")
        verbose_name_plural = _("notice steps")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.notice} · {self.get_kind_display()}"


class NoticePhoto(StoredPhoto):
    step = models.ForeignKey(NoticeStep, on_delete=models.CASCADE, related_name="photos")
    image, thumbnail = photo_files("notices")

    access_anchors = ("step__notice__point__place",)
    access_files = {
        "image": ("inspections.view_notice", "step__notice"),
        "thumbnail": ("inspections.view_notice", "step__notice"),
    }

    class Meta(StoredPhoto.Meta):
        verbose_name = _("notice photo")
        verbose_name_plural = _("notice photos")


class NoticeEscalation(models.Model):
    """A late notice called on: once per deadline and level, so a notice returned with a fresh
    deadline is escalated again when it misses that one."""

    class Level(models.IntegerChoices):
        COMMUNITY = 1, _("Escalated to the community's leaders")
        STREET = 2, _("Escalated to the street")

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="escalations")
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    due_at = models.DateTimeField(_("deadline's time"))
    created_at = models.DateTimeField(_("at"), default=timezone.now)
    announced_at = models.DateTimeField(_("people told at"), null=True, blank=True)

    access_anchors = ("notice__point__place",)

    class Meta:
        verbose_name = _("notice escalation")
        verbose_name_plural = _("notice escalations")
        constraints = [
            models.UniqueConstraint(
                fields=["notice", "level", "due_at"], name="inspections_escalate_once_per_deadline"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.notice} · {self.get_level_display()}"
