"""
Meetings (议事会): time, place or online link, agenda, invitations, registration with capacity and
waitlist, attendance signed in at the venue, minutes (纪要) approved by those present, attachments.

A meeting is scheduled, opened at the venue (sign-in starts), closed (the attendance list is final)
or cancelled before its close, with the reason shown on its page. Minutes are written after the
close and published once more than half of the people signed in have approved the current version;
revising the minutes starts a new version.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.codes import new_secret
from apps.core.uploads import UnguessableName

from .halls import Hall
from .topics import Topic

ATTACHMENT_EXTENSIONS = ["pdf", "jpg", "jpeg", "png", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "txt"]


class Meeting(models.Model):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        OPEN = "open", _("In session")
        CLOSED = "closed", _("Closed")
        CANCELLED = "cancelled", _("Cancelled")

    hall = models.ForeignKey(Hall, verbose_name=_("hall"), on_delete=models.PROTECT, related_name="meetings")
    title = models.CharField(_("title"), max_length=160)
    description = models.TextField(_("description"), blank=True)
    venue = models.CharField(_("venue"), max_length=160, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    capacity = models.PositiveIntegerField(
        _("places"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Leave empty for no limit."),
    )
    waitlist = models.BooleanField(
        _("waitlist"), default=True, help_text=_("When full, later registrations wait for a place.")
    )
    invited_only = models.BooleanField(
        _("invited only"), default=False, help_text=_("Only invited people may register.")
    )
    agenda = models.ManyToManyField(
        Topic, verbose_name=_("agenda"), through="AgendaItem", related_name="meetings", blank=True
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SCHEDULED, editable=False
    )
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True, editable=False)
    attendees = models.PositiveIntegerField(_("attendees"), null=True, blank=True, editable=False)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True, editable=False)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True, editable=False)
    code_secret = models.CharField(max_length=32, default=new_secret, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("called by"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("called at"), default=timezone.now, editable=False)

    access_anchors = ("hall__place",)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at", "-pk"]
        indexes = [models.Index(fields=["hall", "starts_at"], name="halls_meeting_hall_start")]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="halls_meeting_ordered"),
            models.CheckConstraint(
                condition=~Q(venue="") | ~Q(online_url=""), name="halls_meeting_has_venue_or_link"
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gte=1),
                name="halls_meeting_capacity_positive",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["scheduled", "open", "closed", "cancelled"]),
                name="halls_meeting_status_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status="cancelled") | (Q(cancelled_at__isnull=False) & ~Q(cancel_reason="")),
                name="halls_meeting_cancelled_dated_with_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        if not self.venue and not self.online_url:
            raise ValidationError(_("Give the venue, the online link, or both."))
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("A meeting ends after it starts.")})


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    topic = models.ForeignKey(Topic, verbose_name=_("topic"), on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(_("order"), default=1)

    access_anchors = ("meeting__hall__place",)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "topic"], name="halls_agenda_topic_once"),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.topic_id}"

    def clean(self):
        if self.meeting_id and self.topic_id and self.topic.hall_id != self.meeting.hall_id:
            raise ValidationError({"topic": _("The agenda takes topics of the meeting's own hall.")})


class Invitation(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="invitations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="+"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("invited by"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("invited at"), default=timezone.now)

    access_anchors = ("meeting__hall__place",)
    access_owner = "user"

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="halls_invitation_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.meeting}"


class Registration(models.Model):
    """One person's place at a meeting: confirmed, waiting, or cancelled."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Registered")
        WAITLISTED = "waitlisted", _("On the waitlist")
        CANCELLED = "cancelled", _("Cancelled")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    queued_at = models.DateTimeField(_("registered at"), default=timezone.now)

    access_anchors = ("meeting__hall__place",)
    access_owner = "user"

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["queued_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="halls_registration_once"),
            models.CheckConstraint(
                condition=Q(status__in=["confirmed", "waitlisted", "cancelled"]),
                name="halls_registration_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.meeting}"


class Attendance(models.Model):
    """Someone present at the meeting: signed in by the venue's code, or by staff."""

    class Method(models.TextChoices):
        CODE = "code", _("Scanned the code at the venue")
        STAFF = "staff", _("Signed in by staff")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.PROTECT, related_name="+"
    )
    method = models.CharField(_("how"), max_length=8, choices=Method.choices)
    signed_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed in by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField(_("signed in at"), default=timezone.now)

    access_anchors = ("meeting__hall__place",)
    access_owner = "user"

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="halls_attendance_once"),
            models.CheckConstraint(
                condition=~Q(method="staff") | Q(signed_in_by__isnull=False),
                name="halls_staff_sign_in_names_staff",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.meeting}"


class Minutes(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PENDING = "pending", _("Awaiting the attendees' approval")
        PUBLISHED = "published", _("Approved and published")

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="minutes")
    body = models.TextField(_("minutes"))
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("written by"), on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted for approval at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    access_anchors = ("meeting__hall__place",)

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["draft", "pending", "published"]), name="halls_minutes_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="halls_minutes_published_dated",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting_id} · v{self.version}"


class MinutesApproval(models.Model):
    """One attendee's answer to one version of the minutes."""

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="approvals")
    version = models.PositiveSmallIntegerField(_("version"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("attendee"), on_delete=models.PROTECT, related_name="+"
    )
    approved = models.BooleanField(_("approved"))
    note = models.TextField(_("note"), blank=True)
    at = models.DateTimeField(_("at"), default=timezone.now)

    access_anchors = ("minutes__meeting__hall__place",)
    access_owner = "user"

    class Meta:
        verbose_name = _("approval of minutes")
        verbose_name_plural = _("approvals of minutes")
        ordering = ["at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["minutes", "version", "user"], name="halls_minutes_one_answer_per_attendee"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · v{self.version}"


class MeetingAttachment(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(_("title"), max_length=160)
    file = models.FileField(
        _("file"),
        upload_to=UnguessableName("halls/meetings"),
        validators=[FileExtensionValidator(ATTACHMENT_EXTENSIONS)],
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    at = models.DateTimeField(_("uploaded at"), default=timezone.now, editable=False)

    access_anchors = ("meeting__hall__place",)
    # members download through the attachment page (halls.meetings.views.meeting_attachment)
    access_files = {"file": ("halls.view_meetingattachment", "")}

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return self.title
