"""Comments on a topic (one level of replies), flags from readers, and followers."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .topics import Topic


class Comment(models.Model):
    class State(models.TextChoices):
        VISIBLE = "visible", _("Visible")
        PENDING = "pending", _("Hidden pending review")
        HIDDEN = "hidden", _("Hidden by staff")
        DELETED = "deleted", _("Deleted by its author")

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="comment_set")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("comment"), max_length=4000)
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.VISIBLE)
    flags = models.PositiveIntegerField(_("reports of abuse"), default=0)
    hidden_reason = models.TextField(_("reason for hiding"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)

    access_anchors = ("topic__hall__place",)
    access_owner = "author"

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["topic", "created_at"], name="halls_comment_topic")]
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=["visible", "pending", "hidden", "deleted"]),
                name="halls_comment_state_valid",
            ),
            models.CheckConstraint(
                condition=~Q(state="hidden") | ~Q(hidden_reason=""), name="halls_comment_hidden_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return self.body[:40]


class CommentFlag(models.Model):
    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="flag_set")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    at = models.DateTimeField(default=timezone.now)

    access_anchors = ("comment__topic__hall__place",)

    class Meta:
        verbose_name = _("report of abuse")
        verbose_name_plural = _("reports of abuse")
        constraints = [models.UniqueConstraint(fields=["comment", "user"], name="halls_one_flag_per_person")]

    def __str__(self) -> str:
        return f"{self.comment_id} · {self.user_id}"


class Follow(models.Model):
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    access_anchors = ("topic__hall__place",)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["topic", "user"], name="halls_one_follow_per_person")]

    def __str__(self) -> str:
        return f"{self.topic_id} · {self.user_id}"
