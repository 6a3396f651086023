"""Scheduled and after-commit work of the halls: votes, notices, public notices and the 督办 of tasks."""

import logging

from celery import shared_task
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from apps.notifications.services import RETRY_IN_FLIGHT, notify

from .models import Follow, SecretBallot, TaskEscalation, Vote, WaitingBallot
from .resolutions.review_requests import review_requests_send
from .resolutions.services import notices_close
from .resolutions.supervision import announce_escalation, supervise_tasks
from .votes.secret_ballots import ballots_mix, tables_vacuum
from .votes.services import vote_close, vote_open

logger = logging.getLogger(__name__)


@shared_task(**RETRY_IN_FLIGHT)
def notify_followers(topic_id: int, key: str, title: str, exclude_id: int | None = None) -> int:
    follows = Follow.objects.filter(topic_id=topic_id).exclude(user_id=exclude_id).select_related("user")
    users = [follow.user for follow in follows]
    url = reverse("halls:topic", args=[topic_id])
    notify(users=users, key=f"halls.topic.{topic_id}.{key}", title=title, url=url)
    return len(users)


@shared_task(**RETRY_IN_FLIGHT)
def notify_people(user_ids: list[int], key: str, title: str, url: str, body: str = "") -> int:
    users = list(get_user_model().objects.filter(pk__in=user_ids, is_active=True))
    notify(users=users, key=f"halls.{key}", title=title, body=body, url=url)
    return len(users)


@shared_task(acks_late=True)
def close_vote(vote_id: int) -> None:

    vote_close(vote=Vote.objects.get(pk=vote_id))


@shared_task(acks_late=True)
def mix_secret_ballots(vote_id: int) -> int:
    """After a secret ballot is cast: move the vote's waiting ballots once enough of them wait."""

    moved = ballots_mix(vote_id=vote_id)
    if moved:
        tables_vacuum(WaitingBallot)
    return moved


@shared_task(acks_late=True)
def vacuum_secret_ballots() -> None:
    """After a secret vote closed: clear the rows its rewrite left behind."""

    tables_vacuum(WaitingBallot, SecretBallot)


@shared_task(acks_late=True)
def close_due_votes() -> int:
    """Every minute (beat): each open vote past its closing time is closed by its own task."""
    due = list(
        Vote.objects.filter(status=Vote.Status.OPEN, closes_at__lte=timezone.now()).values_list(
            "pk", flat=True
        )
    )
    for vote_id in due:
        close_vote.delay(vote_id)
    return len(due)


@shared_task(acks_late=True)
def open_due_votes() -> int:
    """Every minute (beat): votes whose opening time has come open, freezing their electorate."""

    due = Vote.objects.filter(status=Vote.Status.DRAFT, opens_at__lte=timezone.now())
    opened = 0
    for vote in due:
        try:
            vote_open(vote=vote, by=None)
        except ValidationError as refused:  # e.g. no one signed in yet at its meeting: try next minute
            logger.warning("vote %s not opened: %s", vote.pk, " ".join(refused.messages))
            continue
        opened += 1
    return opened


@shared_task(acks_late=True)
def close_due_notices() -> int:
    """Every five minutes (beat): public notices whose objection window has ended are closed."""

    return len(notices_close(timezone.now()))


@shared_task(acks_late=True)
def ask_street_reviews() -> int:
    """Every minute (beat): the street's officials are asked to review each resolution newly awaiting it."""

    return len(review_requests_send(timezone.now()))


@shared_task(**RETRY_IN_FLIGHT)
def announce_task_escalation(entry_id: int) -> None:

    announce_escalation(TaskEscalation.objects.select_related("task__topic__hall__place").get(pk=entry_id))


@shared_task(acks_late=True)
def supervise_task_deadlines() -> int:
    """Every fifteen minutes (beat): warn and escalate overdue tasks; each entry announced by its own task."""

    created = supervise_tasks(timezone.now())
    for entry_id in created:
        announce_task_escalation.delay(entry_id)
    return len(created)
