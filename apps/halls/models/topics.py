"""Topics (议题) and the households that co-sign them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.places.models import Place

from ..procedure import TopicStatus
from .halls import Hall


class Topic(models.Model):
    hall = models.ForeignKey(Hall, verbose_name=_("hall"), on_delete=models.PROTECT, related_name="topics")
    title = models.CharField(_("title"), max_length=120)
    body = models.TextField(_("description"))
    status = models.CharField(
        _("status"), max_length=24, choices=TopicStatus.choices, default=TopicStatus.RAISED
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("raised by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    report = models.ForeignKey(
        "reports.Report",
        verbose_name=_("from report"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged",
    )
    reason = models.TextField(_("public reason"), blank=True)
    cosignatures = models.PositiveIntegerField(_("co-signing households"), default=0)
    comments = models.PositiveIntegerField(_("comments"), default=0)
    created_at = models.DateTimeField(_("raised at"), default=timezone.now)
    agenda_at = models.DateTimeField(_("on the agenda since"), null=True, blank=True)
    notice_until = models.DateTimeField(_("public notice until"), null=True, blank=True)
    notice_closed_at = models.DateTimeField(_("public notice closed at"), null=True, blank=True)

    access_anchors = ("hall__place",)
    access_owner = "raised_by"

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["hall", "-created_at"], name="halls_topic_hall_recent")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=TopicStatus.values), name="halls_topic_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status=TopicStatus.DECLINED) | ~Q(reason=""),
                name="halls_topic_declined_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(status=TopicStatus.MERGED) | Q(merged_into__isnull=False),
                name="halls_topic_merged_names_target",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class CoSignature(models.Model):
    """A household backs a topic; one signature per household, whoever of it signs."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="signatures")
    household = models.ForeignKey(Place, on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    access_anchors = ("topic__hall__place",)

    class Meta:
        verbose_name = _("co-signature")
        verbose_name_plural = _("co-signatures")
        constraints = [
            models.UniqueConstraint(fields=["topic", "household"], name="halls_one_cosignature_per_household")
        ]

    def __str__(self) -> str:
        return f"{self.topic} · {self.household}"


class Objection(models.Model):
    """An objection raised during a resolution's public notice, and its answer."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="objections")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("objection"))
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    submission_key = models.UUIDField(null=True, blank=True, editable=False)
    at = models.DateTimeField(_("filed at"), default=timezone.now)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    access_anchors = ("topic__hall__place",)
    access_owner = "author"

    class Meta:
        verbose_name = _("objection")
        verbose_name_plural = _("objections")
        ordering = ["at"]
        constraints = [
            models.UniqueConstraint(fields=["submission_key"], name="halls_objection_filed_once"),
            models.CheckConstraint(
                condition=Q(answer="") | Q(answered_at__isnull=False), name="halls_objection_answer_dated"
            ),
        ]

    def __str__(self) -> str:
        return self.body[:40]


class Review(models.Model):
    """The street office's review of a community's resolution."""

    class Decision(models.TextChoices):
        FILED = "filed", _("Filed")
        RETURNED = "returned", _("Returned")
        APPROVED = "approved", _("Approved")

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decision = models.CharField(_("decision"), max_length=8, choices=Decision.choices)
    reason = models.TextField(_("reason"), blank=True)
    at = models.DateTimeField(default=timezone.now)

    access_anchors = ("topic__hall__place",)

    class Meta:
        verbose_name = _("street review")
        verbose_name_plural = _("street reviews")
        ordering = ["at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(decision__in=["filed", "returned", "approved"]),
                name="halls_review_decision_valid",
            ),
            models.CheckConstraint(
                condition=~Q(decision="returned") | ~Q(reason=""), name="halls_review_return_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.topic_id} · {self.decision}"


class ReviewRequest(models.Model):
    """The street office was asked to review a resolution: once per round, and a round more after
    each return (`round` counts the returns before it)."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="review_requests")
    round = models.PositiveSmallIntegerField(_("round"))
    at = models.DateTimeField(_("asked at"), default=timezone.now)

    access_anchors = ("topic__hall__place",)

    class Meta:
        verbose_name = _("request for the street's review")
        verbose_name_plural = _("requests for the street's review")
        constraints = [
            models.UniqueConstraint(fields=["topic", "round"], name="halls_review_requested_once_per_round")
        ]

    def __str__(self) -> str:
        return f"{self.topic_id} · {self.round}"
