"""
公示 and the street's review: objections filed during a resolution's public notice and answered
by staff, the notice closed when its window ends, and the street office's review of a community's
resolution (file it, return it with a reason, or approve it).
"""

from datetime import datetime
from functools import partial
from uuid import UUID

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import Objection, Review, Topic
from ..notices import tell, tell_followers
from ..procedure import TopicStatus
from ..recipients import community_staff_of
from ..services import audit
from ..topics.services import topic_send_back

REVIEWABLE = (TopicStatus.RESOLUTION, TopicStatus.RESOLUTION_PUBLIC)
CONCLUDED = (Review.Decision.FILED, Review.Decision.APPROVED)

REVIEW_TITLES = {
    Review.Decision.FILED: gettext_lazy("The street office filed the resolution “%(topic)s”."),
    Review.Decision.RETURNED: gettext_lazy(
        "The street office returned the resolution “%(topic)s”: %(reason)s"
    ),
    Review.Decision.APPROVED: gettext_lazy("The street office approved the resolution “%(topic)s”."),
}


def objection_window_open(topic: Topic, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    return (
        topic.status == TopicStatus.RESOLUTION_PUBLIC
        and bool(topic.notice_until)
        and now < topic.notice_until
    )


def _window_refusal(topic: Topic) -> str:
    if topic.status == TopicStatus.RESOLUTION_PUBLIC and topic.notice_until:
        until = date_format(timezone.localtime(topic.notice_until), "Y-m-d H:i")
        return _("The public notice ended on %(until)s; objections are no longer taken.") % {"until": until}
    return _("Objections are taken only while a resolution is under public notice.")


@transaction.atomic
def objection_file(*, topic: Topic, author, body: str, submission_key: UUID | None = None) -> Objection:
    """A resident objects to a published resolution within its window; the same form sent twice
    (`submission_key`) records one objection."""
    if submission_key and (existing := Objection.objects.filter(submission_key=submission_key).first()):
        return existing
    if not author.has_perm("halls.file_objection", topic):
        raise PermissionDenied(_("Only residents of this hall object to its resolutions."))
    topic = Topic.objects.select_for_update().select_related("hall__place").get(pk=topic.pk)
    if not objection_window_open(topic):
        raise ValidationError(_window_refusal(topic))
    if not body.strip():
        raise ValidationError(_("Write your objection first."))
    objection = Objection(topic=topic, author=author, body=body.strip(), submission_key=submission_key)
    objection.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            objection.save()
    except IntegrityError:
        return Objection.objects.get(submission_key=submission_key)
    audit(hall=topic.hall, actor=author, action="file_objection", subject=objection)
    tell(
        user_ids=community_staff_of(topic.hall).values_list("pk", flat=True),
        key=f"objection.{objection.pk}",
        title=lambda: _("Objection to the resolution “%(topic)s”") % {"topic": topic.title},
        url=reverse("halls:topic", args=[topic.pk]),
    )
    return objection


@transaction.atomic
def objection_answer(*, objection: Objection, by, answer: str) -> Objection:
    """Staff answer an objection once; the answer is shown to everyone under it."""
    if not by.has_perm("halls.answer_objection", objection):
        raise PermissionDenied
    if not answer.strip():
        raise ValidationError(_("Write the answer first; it is shown publicly under the objection."))
    objection = Objection.objects.select_for_update().select_related("topic__hall").get(pk=objection.pk)
    if objection.answered_at:
        raise ValidationError(_("This objection has already been answered."))
    objection.answer, objection.answered_by, objection.answered_at = answer.strip(), by, timezone.now()
    objection.save(update_fields=["answer", "answered_by", "answered_at"])
    audit(
        hall=objection.topic.hall,
        actor=by,
        action="answer_objection",
        subject=objection,
        note=objection.answer,
    )
    tell(
        user_ids=[objection.author_id],
        key=f"objection.{objection.pk}.answered",
        title=lambda: _("Your objection to “%(topic)s” has been answered") % {"topic": objection.topic.title},
        url=reverse("halls:topic", args=[objection.topic_id]),
    )
    return objection


def notices_close(now: datetime) -> list[int]:
    """Close every public notice whose window has ended; each once, whoever runs it."""
    due = Topic.objects.filter(
        status=TopicStatus.RESOLUTION_PUBLIC, notice_until__lte=now, notice_closed_at__isnull=True
    )
    closed = []
    for topic in due.select_related("hall").order_by("notice_until", "pk"):
        with transaction.atomic():
            if not Topic.objects.filter(pk=topic.pk, notice_closed_at__isnull=True).update(
                notice_closed_at=now
            ):
                continue  # another run closed it first
            objections = topic.objections.count()
            audit(hall=topic.hall, actor=None, action="close_notice", subject=topic, note=str(objections))
            tell_followers(
                topic=topic,
                key="notice-closed",
                title=partial(_notice_closed, topic, objections),
            )
        closed.append(topic.pk)
    return closed


def _notice_closed(topic: Topic, objections: int) -> str:
    return _("The public notice of “%(topic)s” has ended with %(count)s objections.") % {
        "topic": topic.title,
        "count": objections,
    }


def awaiting_review(queryset: QuerySet[Topic]) -> QuerySet[Topic]:
    """Resolutions of halls whose rules want the street's review, not yet filed or approved."""
    concluded = Review.objects.filter(topic=OuterRef("pk"), decision__in=CONCLUDED)
    return queryset.filter(hall__street_review=True, status__in=REVIEWABLE).filter(~Exists(concluded))


def review_refusal(*, topic: Topic, by, decision: str, reason: str) -> str | None:
    """Why this review may not be recorded, or None; the service and the admin's form ask it."""
    if not by.has_perm("halls.review_topic", topic):
        return _("Only officials of the street above this hall review its resolutions.")
    if not topic.hall.street_review:
        return _("This hall's resolutions do not need the street's review.")
    if not awaiting_review(Topic.objects.filter(pk=topic.pk)).exists():
        return _("This resolution is not awaiting the street's review.")
    if decision not in Review.Decision.values:
        return _("Choose to file, return or approve the resolution.")
    if decision == Review.Decision.RETURNED and not reason.strip():
        return _("Returning a resolution needs a reason; the community and its residents see it.")
    return None


@transaction.atomic
def review_decide(*, topic: Topic, by, decision: str, reason: str = "") -> Review:
    topic = Topic.objects.select_for_update().select_related("hall__place").get(pk=topic.pk)
    refusal = review_refusal(topic=topic, by=by, decision=decision, reason=reason)
    if refusal:
        if not by.has_perm("halls.review_topic", topic):
            raise PermissionDenied(refusal)
        raise ValidationError(refusal)
    review = Review(topic=topic, reviewer=by, decision=decision, reason=reason.strip())
    review.full_clean()
    review.save()
    audit(hall=topic.hall, actor=by, action=f"review:{decision}", subject=topic, note=review.reason)
    if decision == Review.Decision.RETURNED:
        topic_send_back(topic=topic, actor=by, reason=review.reason)
    tell(
        user_ids=community_staff_of(topic.hall).values_list("pk", flat=True),
        key=f"review.{review.pk}",
        title=lambda: REVIEW_TITLES[decision] % {"topic": topic.title, "reason": review.reason},
        url=reverse("halls:topic", args=[topic.pk]),
    )
    return review
