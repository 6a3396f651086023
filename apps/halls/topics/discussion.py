"""Comments with one level of replies, reports of abuse, staff hiding with a visible trace, follows."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Comment, CommentFlag, Follow, Topic
from ..notices import tell_followers
from ..procedure import CLOSED_TOPIC_STATUSES
from ..services import audit
from ..versions import hall_changed, standing_changed

FLAGS_TO_HIDE = 3


@transaction.atomic
def comment_post(*, topic: Topic, author, body: str, parent: Comment | None = None) -> Comment:
    if not author.has_perm("halls.comment_topic", topic):
        raise PermissionDenied
    if topic.status in CLOSED_TOPIC_STATUSES:
        raise ValidationError(_("This topic is closed for discussion."))
    if parent is not None:
        if parent.topic_id != topic.pk:
            raise ValidationError(_("A reply answers a comment of the same topic."))
        parent = parent.parent or parent  # one level of replies: a reply to a reply joins its thread
    comment = Comment(topic=topic, author=author, body=body.strip(), parent=parent)
    comment.full_clean()
    comment.save()
    Topic.objects.filter(pk=topic.pk).update(comments=F("comments") + 1)
    Follow.objects.get_or_create(topic=topic, user=author)
    hall_changed(topic.hall_id)
    tell_followers(
        topic=topic,
        key=f"comment:{comment.pk}",
        title=lambda: _("New comment on %(topic)s") % {"topic": topic.title},
        actor=author,
    )
    return comment


def comment_edit(*, comment: Comment, author, body: str) -> Comment:
    if comment.author_id != author.pk or comment.state != Comment.State.VISIBLE:
        raise PermissionDenied
    window = timedelta(minutes=comment.topic.hall.edit_minutes)
    if timezone.now() > comment.created_at + window:
        raise ValidationError(
            _("A comment can only be edited within %(minutes)s minutes.")
            % {"minutes": comment.topic.hall.edit_minutes}
        )
    comment.body, comment.edited_at = body.strip(), timezone.now()
    comment.full_clean()
    comment.save(update_fields=["body", "edited_at"])
    hall_changed(comment.topic.hall_id)
    return comment


@transaction.atomic
def comment_delete(*, comment: Comment, author) -> Comment:
    if comment.author_id != author.pk:
        raise PermissionDenied
    comment.state, comment.body = Comment.State.DELETED, ""
    comment.save(update_fields=["state", "body"])
    hall_changed(comment.topic.hall_id)
    return comment


@transaction.atomic
def comment_flag(*, comment: Comment, user, reason: str = "") -> Comment:
    """After three readers report a comment it is hidden until staff review it."""
    if not user.has_perm("halls.flag_comment", comment) or comment.author_id == user.pk:
        raise PermissionDenied
    try:
        with transaction.atomic():
            CommentFlag.objects.create(comment=comment, user=user, reason=reason[:200])
    except IntegrityError:
        raise ValidationError(_("You have already reported this comment.")) from None
    Comment.objects.filter(pk=comment.pk).update(flags=F("flags") + 1)
    Comment.objects.filter(pk=comment.pk, state=Comment.State.VISIBLE, flags__gte=FLAGS_TO_HIDE).update(
        state=Comment.State.PENDING
    )
    comment.refresh_from_db(fields=["flags", "state"])
    hall_changed(comment.topic.hall_id)
    return comment


@transaction.atomic
def comment_hide(*, comment: Comment, by, reason: str) -> Comment:
    if not by.has_perm("halls.hide_comment", comment):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError(_("Hiding a comment needs a reason; it stays visible in its place."))
    comment.state, comment.hidden_reason = Comment.State.HIDDEN, reason.strip()
    comment.save(update_fields=["state", "hidden_reason"])
    audit(
        hall=comment.topic.hall, actor=by, action="hide_comment", subject=comment, note=comment.hidden_reason
    )
    return comment


@transaction.atomic
def comment_restore(*, comment: Comment, by) -> Comment:
    """Staff review a comment hidden by readers' reports and find nothing wrong."""
    if not by.has_perm("halls.hide_comment", comment):
        raise PermissionDenied
    comment.state = Comment.State.VISIBLE
    comment.save(update_fields=["state"])
    audit(hall=comment.topic.hall, actor=by, action="restore_comment", subject=comment)
    return comment


def topic_follow(*, topic: Topic, user, follow: bool = True) -> None:
    if not user.has_perm("halls.take_part", topic):
        raise PermissionDenied
    if follow:
        Follow.objects.get_or_create(topic=topic, user=user)
    else:
        Follow.objects.filter(topic=topic, user=user).delete()
    standing_changed(topic.pk, user.pk)
