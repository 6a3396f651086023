"""
Reports (码上说，马上办): the category tree, QR boards on doors, reports with their timeline,
photos and supervision (督办) entries.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import ExpressionWrapper, F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.choices import KeptChoiceLabels
from apps.core.photo_models import StoredPhoto, photo_files
from apps.core.uploads import UnguessableName
from apps.places.models import Department, ManagementUnit, Place

from .lifecycle import OPEN_STATUSES, Status, event_label

# The open statuses in one order, as the queue's index names them: PostgreSQL then reads "open" from
# the index (a set's order changes from one process to the next, and the SQL with it).
OPEN_IN_ORDER = sorted(status.value for status in OPEN_STATUSES)


def still_open() -> ExpressionWrapper:
    """True for an open report: the queue's first sort key, written as in its index."""
    return ExpressionWrapper(Q(status__in=OPEN_IN_ORDER), output_field=models.BooleanField())


class ReportQuerySet(models.QuerySet):
    @staticmethod
    def late_condition() -> Q:
        """Late: still open past the deadline to resolve it — the queue's column, filter and order."""
        return Q(status__in=OPEN_IN_ORDER, resolve_due__lt=timezone.now())

    def open(self):
        return self.filter(status__in=OPEN_IN_ORDER)

    def finished(self):
        return self.exclude(status__in=OPEN_IN_ORDER)

    def late(self):
        return self.filter(self.late_condition())

    def within_deadline(self):
        return self.exclude(self.late_condition())

    def with_lateness(self):
        return self.annotate(
            is_late=ExpressionWrapper(self.late_condition(), output_field=models.BooleanField())
        )


def new_token() -> str:
    """128 bits, URL-safe: what a QR board or a private follow link carries."""
    return secrets.token_urlsafe(16)


class HandlerKind(models.TextChoices):
    PROPERTY = "property", _("The property company of the place")
    COMMUNITY = "community", _("The community")
    STREET = "street", _("A street department")


class RatedBy(models.TextChoices):
    """Who gave a report's rating: its resident, or staff on a return visit (回访)."""

    RESIDENT = "resident", _("The resident")
    PHONE = "phone", _("Return visit by phone")
    IN_PERSON = "in_person", _("Return visit in person")


class Category(models.Model):
    parent = models.ForeignKey(
        "self",
        verbose_name=_("major category"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    code = models.CharField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=60)
    guidance = models.TextField(_("guidance"), blank=True)
    keywords = models.CharField(_("keywords"), max_length=200, blank=True)
    handler = models.CharField(_("default handler"), max_length=16, choices=HandlerKind.choices)
    street_department = models.CharField(_("street department"), max_length=60, blank=True)
    dispatch_minutes = models.PositiveIntegerField(_("dispatch within (minutes)"), default=30)
    response_hours = models.PositiveIntegerField(_("respond within (hours)"), default=2)
    resolve_days = models.PositiveIntegerField(_("resolve within (days)"), default=7)
    urgent = models.BooleanField(_("urgent"), default=False)
    # 审核: community staff check a resolved report before its resident is asked to rate it
    needs_review = models.BooleanField(_("checked before rating"), default=False)
    is_active = models.BooleanField(_("in use"), default=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["position", "code"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(handler="street") | ~Q(street_department=""),
                name="reports_category_street_handler_names_department",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.parent.name} · {self.name}" if self.parent_id and self.parent else self.name


class Board(models.Model):
    """A QR board posted at a door; its token binds a scan to the place."""

    class Spot(models.TextChoices):
        UNIT_DOOR = "unit_door", _("Unit door")
        GATE = "gate", _("Compound gate")
        GARAGE = "garage", _("Garage")
        BIKE_SHED = "bike_shed", _("Bike shed")
        OTHER = "other", _("Other")

    place = models.ForeignKey(Place, verbose_name=_("place"), on_delete=models.PROTECT, related_name="boards")
    spot = models.CharField(_("posted at"), max_length=16, choices=Spot.choices, default=Spot.UNIT_DOOR)
    token = models.CharField(_("token"), max_length=43, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(_("printed at"), default=timezone.now)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    replaced_by = models.OneToOneField(
        "self",
        verbose_name=_("replaced by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replaces",
    )
    scan_count = models.PositiveIntegerField(_("scans"), default=0)
    last_scanned_at = models.DateTimeField(_("last scanned at"), null=True, blank=True)

    access_anchors = ("place",)

    class Meta:
        verbose_name = _("QR board")
        verbose_name_plural = _("QR boards")
        indexes = [models.Index(fields=["place", "revoked_at"], name="reports_board_place_active")]

    def __str__(self) -> str:
        return f"{self.place} · {self.get_spot_display()}"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None


class Report(KeptChoiceLabels, models.Model):
    class Source(models.TextChoices):
        QR = "qr", _("QR board")
        WEB = "web", _("Web form")
        PATROL = "patrol", _("Staff patrol")
        ON_BEHALF = "on_behalf", _("On behalf of a resident")
        HOTLINE = "hotline", _("12345 hotline order")
        API = "api", _("API")

    class Satisfaction(models.TextChoices):
        SATISFIED = "satisfied", _("Satisfied")
        BASIC = "basic", _("Basically satisfied")
        UNSATISFIED = "unsatisfied", _("Unsatisfied")

    tracking_number = models.CharField(_("tracking number"), max_length=20, unique=True)
    follow_token = models.CharField(max_length=43, unique=True, default=new_token, editable=False)
    submission_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    place = models.ForeignKey(
        Place, verbose_name=_("place"), on_delete=models.PROTECT, related_name="reports"
    )
    community = models.ForeignKey(
        Place,
        verbose_name=_("community"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    category = models.ForeignKey(Category, verbose_name=_("category"), on_delete=models.PROTECT)
    # the category as the reporter chose it, kept once staff change it; empty while unchanged
    submitted_category = models.ForeignKey(
        Category,
        verbose_name=_("category as submitted"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    description = models.TextField(_("description"))
    urgent = models.BooleanField(_("urgent"), default=False)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.SUBMITTED)

    source = models.CharField(_("source"), max_length=16, choices=Source.choices, default=Source.QR)
    board = models.ForeignKey(
        Board, verbose_name=_("board"), on_delete=models.SET_NULL, null=True, blank=True
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reporter"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
    )
    contact_phone = models.CharField(_("contact phone"), max_length=16, blank=True)
    on_behalf_of = models.CharField(_("on behalf of"), max_length=60, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    external_reference = models.CharField(_("external reference"), max_length=64, blank=True)

    handler_kind = models.CharField(_("handled by"), max_length=16, choices=HandlerKind.choices, blank=True)
    management_unit = models.ForeignKey(
        ManagementUnit,
        verbose_name=_("property-management unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reports",
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reports",
    )

    created_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    dispatch_due = models.DateTimeField(_("dispatch due"))
    response_due = models.DateTimeField(_("response due"))
    resolve_due = models.DateTimeField(_("resolution due"))
    dispatched_at = models.DateTimeField(_("dispatched at"), null=True, blank=True)
    responded_at = models.DateTimeField(_("responded at"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    escalation_level = models.PositiveSmallIntegerField(_("escalation level"), default=0)
    # returned twice by its handlers: the street's dispatch desk (its officials) dispatches it from now on
    at_street_desk = models.BooleanField(_("at the street's dispatch desk"), default=False)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="duplicates",
    )

    satisfaction = models.CharField(
        _("satisfaction"), max_length=16, choices=Satisfaction.choices, blank=True
    )
    solved = models.BooleanField(_("solved in the resident's judgement"), null=True, blank=True)
    rated_at = models.DateTimeField(_("rated at"), null=True, blank=True)
    rated_by = models.CharField(_("rated through"), max_length=16, choices=RatedBy.choices, blank=True)
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)

    access_anchors = ("place",)
    # its handling department, and the departments joined to it (协办, 吹哨报到)
    access_department = ("department", "joined_units__department")
    access_owner = "reporter"

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-urgent", "-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=Status.values), name="reports_report_status_valid"),
            models.CheckConstraint(
                condition=Q(satisfaction="") | Q(satisfaction__in=["satisfied", "basic", "unsatisfied"]),
                name="reports_report_satisfaction_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status="merged") | Q(merged_into__isnull=False),
                name="reports_report_merged_names_its_original",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "resolve_due"], name="reports_status_resolve_due"),
            models.Index(fields=["community", "status"], name="reports_community_status"),
            models.Index(fields=["place", "category", "created_at"], name="reports_similar"),
            models.Index(fields=["created_at"], name="reports_created"),
            # the queue's similar reports: a range of days of a category's open reports in a community
            models.Index(
                fields=["category", "community", "created_at"],
                condition=Q(status__in=OPEN_IN_ORDER),
                name="reports_open_by_category",
            ),
            # the open, overdue and escalated reports behind a figure, newest first, read from the open
            # ones alone rather than by walking every report back from today
            models.Index(
                fields=["created_at"],
                condition=Q(status__in=OPEN_IN_ORDER),
                include=["resolve_due", "place", "reporter"],
                name="reports_open_created",
            ),
            # the departments' ranking reads a period's reports of each department
            models.Index(
                fields=["department", "created_at"],
                condition=Q(department__isnull=False),
                name="reports_department_created",
            ),
            # the staff queue's order, so a page reads its first rows instead of sorting them all;
            # the count of the page reads the index only (the columns of the visibility rule included)
            models.Index(
                still_open().desc(),
                F("urgent").desc(),
                F("resolve_due"),
                F("id").desc(),
                include=["status", "place", "reporter"],
                name="reports_queue_order",
            ),
        ]

    def __str__(self) -> str:
        return self.tracking_number


class ActorKind(models.TextChoices):
    """Who acted, as residents are told: a role, never a name or a phone number."""

    SYSTEM = "system", _("System")
    RESIDENT = "resident", _("Resident")
    BUILDING_HEAD = "building_head", _("Building head")
    GRID_WORKER = "grid_worker", _("Grid worker")
    PROPERTY = "property", _("Property company")
    COMMUNITY = "community", _("Community")
    STREET = "street", _("Street office")


class TimelineEvent(models.Model):
    """One step in a report's life: who (by role for the public), when, what, a note, photos."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=24)
    status_after = models.CharField(_("status after"), max_length=16, choices=Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_kind = models.CharField(_("by (as shown to residents)"), max_length=16, choices=ActorKind.choices)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("at"), default=timezone.now)
    # set once whoever must hear of the step has been told; a step left unset is announced again
    announced_at = models.DateTimeField(null=True, blank=True, editable=False)
    # the co-handler or summoned unit the step is about (summoned, reported in, its note)
    unit = models.ForeignKey(
        "reports.JoinedUnit",
        verbose_name=_("unit"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="events",
    )

    access_anchors = ("report__place",)
    access_department = ("report__department", "report__joined_units__department")

    class Meta:
        verbose_name = _("timeline event")
        verbose_name_plural = _("timeline events")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["report", "created_at"], name="reports_event_report"),
            models.Index(
                fields=["created_at"],
                condition=Q(announced_at__isnull=True),
                name="reports_event_unannounced",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report} · {event_label(self.action)}"


class Photo(StoredPhoto):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="photos")
    event = models.ForeignKey(
        TimelineEvent, on_delete=models.CASCADE, null=True, blank=True, related_name="photos"
    )
    image, thumbnail = photo_files("reports")
    created_at = models.DateTimeField(default=timezone.now)

    access_anchors = ("report__place",)
    access_department = ("report__department", "report__joined_units__department")
    access_files = {
        "image": ("reports.view_report", "report"),
        "thumbnail": ("reports.view_report", "report"),
    }

    class Meta(StoredPhoto.Meta):
        verbose_name = _("photo")
        verbose_name_plural = _("photos")


class PhotoUpload(models.Model):
    """A resident's photo as it arrived, checked but not yet re-encoded (apps/reports/photo_uploads.py):
    its bytes lie under `pending/`, a folder no one is served from, until a task makes it a Photo."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="photo_uploads")
    event = models.ForeignKey(TimelineEvent, on_delete=models.CASCADE, related_name="photo_uploads")
    stored_name = models.CharField(max_length=200)
    sent_name = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.stored_name


class Supervision(models.Model):
    """督办: a deadline warned about or missed, and who was called on; once per deadline, level and due
    time, so a report given a fresh deadline after a return is supervised again when it misses it."""

    class Deadline(models.TextChoices):
        DISPATCH = "dispatch", _("Dispatch")
        RESPONSE = "response", _("Response")
        RESOLUTION = "resolution", _("Resolution")
        REPORT_IN = "report_in", _("Reporting in (报到)")

    class Level(models.IntegerChoices):
        WARNING = 0, _("Warning before the deadline")
        COMMUNITY = 1, _("Escalated to the community's leaders")
        STREET = 2, _("Escalated to the street")

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="supervisions")
    deadline = models.CharField(_("deadline"), max_length=16, choices=Deadline.choices)
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    due_at = models.DateTimeField(_("deadline's time"))
    created_at = models.DateTimeField(_("at"), default=timezone.now)
    acted_at = models.DateTimeField(_("acted on at"), null=True, blank=True)
    announced_at = models.DateTimeField(null=True, blank=True, editable=False)
    # a summoned unit's deadline to report in: one entry per unit, level and due time
    unit = models.ForeignKey(
        "reports.JoinedUnit",
        verbose_name=_("unit"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="supervisions",
    )

    access_anchors = ("report__place",)

    class Meta:
        verbose_name = _("supervision")
        verbose_name_plural = _("supervisions")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "deadline", "level", "due_at"],
                condition=Q(unit__isnull=True),
                name="reports_supervise_once_per_deadline",
            ),
            models.UniqueConstraint(
                fields=["unit", "level", "due_at"],
                condition=Q(unit__isnull=False),
                name="reports_supervise_unit_once_per_deadline",
            ),
        ]
        indexes = [
            models.Index(
                fields=["created_at"],
                condition=Q(announced_at__isnull=True),
                name="reports_supervise_unannounced",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report} · {self.get_deadline_display()} · {self.get_level_display()}"


class BoardSheet(models.Model):
    """A printable PDF of the boards of every unit door below a place, made by a Celery task."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Being made")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    place = models.ForeignKey(Place, verbose_name=_("place"), on_delete=models.CASCADE, related_name="+")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.QUEUED)
    boards_done = models.PositiveIntegerField(_("boards done"), default=0)
    boards_total = models.PositiveIntegerField(_("boards in all"), default=0)
    file = models.FileField(_("PDF"), upload_to=UnguessableName("boards"), blank=True)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("requested at"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    access_anchors = ("place",)
    access_files = {"file": ("reports.view_boardsheet", "")}

    class Meta:
        verbose_name = _("board sheet")
        verbose_name_plural = _("board sheets")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.place} · {self.get_status_display()}"


class ReturnVisit(models.Model):
    """回访: staff asked the resident of a resolved report, unrated after the waiting days, how it went."""

    class Channel(models.TextChoices):
        PHONE = RatedBy.PHONE.value, _("By phone")
        IN_PERSON = RatedBy.IN_PERSON.value, _("In person")

    report = models.ForeignKey(
        Report, verbose_name=_("report"), on_delete=models.CASCADE, related_name="visits"
    )
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    satisfaction = models.CharField(_("satisfaction"), max_length=16, choices=Report.Satisfaction.choices)
    solved = models.BooleanField(_("solved in the resident's judgement"))
    note = models.TextField(_("note"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(_("at"), default=timezone.now)

    access_anchors = ("report__place",)

    class Meta:
        verbose_name = _("return visit")
        verbose_name_plural = _("return visits")
        ordering = ["-at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(channel__in=["phone", "in_person"]), name="reports_returnvisit_channel_valid"
            ),
            models.CheckConstraint(
                condition=Q(satisfaction__in=["satisfied", "basic", "unsatisfied"]),
                name="reports_returnvisit_satisfaction_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report} · {self.get_channel_display()}"


class VisitDue(Report):
    """The return-visit queue (待回访) in the admin: resolved reports still unrated after the waiting days."""

    class Meta:
        proxy = True
        verbose_name = _("report waiting for a return visit")
        verbose_name_plural = _("reports waiting for a return visit")


from .joined_units import JoinedUnit  # noqa: E402, F401  (registers the model with the app)
