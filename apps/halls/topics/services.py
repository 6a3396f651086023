"""Raising topics, co-signing them, and moving them through their hall's procedure."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.transitions import Lifecycle, Transition

from ..membership import households_of
from ..models import CoSignature, Hall, Result, Task, Topic
from ..notices import tell_followers
from ..procedure import MODERATE, NO_SKIPPING, OPEN_TOPIC_STATUSES, PROCEDURES, TopicStatus
from ..services import audit
from ..versions import hall_changed


@transaction.atomic
def topic_raise(*, hall: Hall, user, title: str, body: str, report=None) -> Topic:
    """Raised by a verified resident, a council member or staff; staff may raise one from a report.
    The proposer's household, if they have one in the hall, is the topic's first co-signer."""
    if not user.has_perm("halls.raise_topic", hall):
        raise PermissionDenied(_("Only verified residents, council members and staff raise topics here."))
    if report is not None and not (
        user.has_perm("halls.moderate_topic", hall) and report.place.path.startswith(hall.place.path)
    ):
        raise PermissionDenied(_("Only staff of the hall raise a topic from one of its reports."))
    topic = Topic(hall=hall, title=title, body=body, raised_by=user, report=report)
    topic.full_clean()
    topic.save()
    audit(hall=hall, actor=user, action="raise", subject=topic)
    household = households_of(user, hall.place).first()
    if household is not None and user.has_perm("halls.cosign_topic", topic):
        _count_signature(CoSignature.objects.create(topic=topic, household=household, user=user))
    return topic


@transaction.atomic
def topic_edit(*, topic: Topic, by) -> Topic:
    """Save what staff corrected of a topic's title or text in the admin (its form validated them)."""
    if not by.has_perm("halls.change_topic", topic):
        raise PermissionDenied
    topic.save(update_fields=["title", "body"])
    audit(hall=topic.hall, actor=by, action="edit_topic", subject=topic)
    return topic


def topic_cosign(*, topic: Topic, user, household=None) -> CoSignature:
    """One signature per household, the proposer's counted from the start."""
    households = households_of(user, topic.hall.place)
    household = household or households.first()
    if (
        not user.has_perm("halls.cosign_topic", topic)
        or household is None
        or not households.filter(pk=household.pk).exists()
    ):
        raise ValidationError(_("Only verified households of this hall co-sign its topics."))
    if topic.status != TopicStatus.RAISED:
        raise ValidationError(_("This topic no longer collects co-signatures."))
    with transaction.atomic():
        try:
            with transaction.atomic():
                signature = CoSignature.objects.create(topic=topic, household=household, user=user)
        except IntegrityError:
            raise ValidationError(_already_signed(topic, household)) from None
        _count_signature(signature)
    return signature


def _already_signed(topic: Topic, household) -> str:
    if CoSignature.objects.filter(topic=topic, household=household, user_id=topic.raised_by_id).exists():
        return _("Your household raised this topic and is already its first co-signer.")
    return _("Your household has already co-signed this topic.")


def _count_signature(signature: CoSignature) -> None:
    """Counts the signature toward the hall's threshold; past it the topic goes on the agenda."""
    topic = signature.topic
    Topic.objects.filter(pk=topic.pk).update(cosignatures=F("cosignatures") + 1)
    hall_changed(topic.hall_id)
    topic.refresh_from_db(fields=["cosignatures", "status"])
    if topic.status == TopicStatus.RAISED and topic.cosignatures >= topic.hall.cosign_threshold:
        first = PROCEDURES[topic.hall.procedure].steps[0].status
        topic_advance(topic=topic, actor=None, to=first, note=_("Co-signature threshold reached."))


@transaction.atomic
def topic_advance(*, topic: Topic, actor, to: str, note: str = "") -> Topic:
    """The only code that moves a topic: one step of the procedure, its guards, an audit entry.
    `actor=None` is the system (the co-signature threshold)."""
    topic = Topic.objects.select_for_update().select_related("hall__place").get(pk=topic.pk)
    lifecycle = PROCEDURES[topic.hall.procedure].lifecycle
    if f"step:{to}" not in lifecycle.transitions:
        to = TopicStatus(to)  # an unknown status fails here; a status outside the procedure is refused
        lifecycle = _refusing(lifecycle, to)

    def change(topic: Topic, transition, now) -> list[str]:
        step = PROCEDURES[topic.hall.procedure].step(to)
        _check_step(topic, step, now)
        if step.opens_public_notice:
            topic.notice_until = now + timedelta(days=topic.hall.notice_days)
            return ["notice_until"]
        return []

    topic = lifecycle.apply(topic, f"step:{to}", actor=actor, system=actor is None, lock=None, change=change)
    audit(hall=topic.hall, actor=actor, action=f"step:{to}", subject=topic, note=note)
    tell_followers(
        topic=topic,
        key=f"step:{to}",
        title=lambda: _("%(topic)s: %(step)s") % {"topic": topic.title, "step": topic.get_status_display()},
        actor=actor,
    )
    return topic


def _refusing(lifecycle: Lifecycle, to: str) -> Lifecycle:
    """A step to a status outside the procedure: reachable from nowhere, refused like a skipped one."""
    return Lifecycle(Transition(f"step:{to}", (), to, MODERATE, refusal=NO_SKIPPING))


def _check_step(topic: Topic, step, now) -> None:
    if step.needs_approved_vote and not Result.objects.filter(vote__topic=topic, approved=True).exists():
        raise ValidationError(_("A resolution needs a proposal approved by a closed vote."))
    if step.waits_for_public_notice and (topic.notice_until is None or topic.notice_until > now):
        raise ValidationError(_("The resolution is still under public notice."))
    if step.waits_for_public_notice and not _reviewed(topic):
        raise ValidationError(_("The street office has not approved this resolution yet."))
    if step.waits_for_public_notice and topic.objections.filter(answered_at__isnull=True).exists():
        raise ValidationError(_("Every objection must be answered before the result is published."))
    if step.waits_for_implementation and topic.tasks.exclude(status=Task.Status.DONE).exists():
        raise ValidationError(_("The result is published once every implementation task is done."))


def _reviewed(topic: Topic) -> bool:
    """Filed (taken on record) and approved both conclude the street's review."""
    if not topic.hall.street_review:
        return True
    return topic.reviews.filter(decision__in=["filed", "approved"]).exists()


@transaction.atomic
def topic_send_back(*, topic: Topic, actor, reason: str) -> Topic:
    """The street office returned the resolution: back to the procedure's `returned_to` step, the
    public notice withdrawn."""
    topic = Topic.objects.select_for_update().select_related("hall__place").get(pk=topic.pk)
    lifecycle = PROCEDURES[topic.hall.procedure].lifecycle
    if "send_back" not in lifecycle.transitions:
        raise ValidationError(_("This hall's procedure takes no resolution back."))
    topic = lifecycle.apply(topic, "send_back", actor=actor, lock=None)
    audit(hall=topic.hall, actor=actor, action=f"step:{topic.status}", subject=topic, note=reason)
    tell_followers(
        topic=topic,
        key=f"returned:{timezone.now():%Y%m%d%H%M%S}",
        title=lambda: _("%(topic)s: returned by the street office") % {"topic": topic.title},
        actor=actor,
    )
    return topic


@transaction.atomic
def topic_decline(*, topic: Topic, actor, reason: str) -> Topic:
    def change(topic: Topic, transition, now) -> list[str]:
        topic.reason = reason.strip()
        topic.full_clean()
        return ["reason"]

    lifecycle = PROCEDURES[topic.hall.procedure].lifecycle
    topic = lifecycle.apply(topic, "decline", actor=actor, note=reason, lock=None, change=change)
    audit(hall=topic.hall, actor=actor, action="decline", subject=topic, note=topic.reason)
    return topic


@transaction.atomic
def topic_merge(*, topic: Topic, into: Topic, actor) -> Topic:
    def change(topic: Topic, transition, now) -> list[str]:
        if into.pk == topic.pk or into.hall_id != topic.hall_id or into.status not in OPEN_TOPIC_STATUSES:
            raise ValidationError(_("A topic merges only into another open topic of the same hall."))
        topic.merged_into = into
        return ["merged_into"]

    lifecycle = PROCEDURES[topic.hall.procedure].lifecycle
    topic = lifecycle.apply(topic, "merge", actor=actor, lock=None, change=change)
    audit(hall=topic.hall, actor=actor, action="merge", subject=topic, note=f"#{into.pk}")
    return topic
