"""The street's officials are asked to review a resolution once it waits for them, and again after
they returned it and it was resolved anew; nobody outside the street is asked."""

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from apps.access.roles import Role
from apps.halls.models import Review, ReviewRequest
from apps.halls.procedure import TopicStatus
from apps.halls.resolutions.review_requests import review_requests_send
from apps.halls.resolutions.services import review_decide
from apps.halls.tasks import ask_street_reviews
from apps.halls.topics.services import topic_advance
from apps.notifications.models import Notification
from apps.places.models import Place
from tests.factories import person_with_role

ASKED = "halls.review-request."


@pytest.fixture
def ask(django_capture_on_commit_callbacks):
    """Run the schedule's sweep and deliver what it told."""

    def run():
        with django_capture_on_commit_callbacks(execute=True):
            return review_requests_send(timezone.now())

    return run


def asked(user=None):
    requests = Notification.objects.filter(key__startswith=ASKED)
    return requests.filter(user=user) if user else requests


@pytest.fixture
def reviewing(hall):
    hall.street_review = True
    hall.save(update_fields=["street_review"])
    return hall


def test_the_streets_official_is_asked_once_with_a_link_to_the_reviews(world, reviewing, resolution, ask):
    assert ask() == [resolution.pk]
    assert ask() == []
    notice = asked(world.official_a).get()
    assert (notice.url, notice.key) == ("/halls/reviews/", f"{ASKED}{resolution.pk}.0")
    assert [message.to for message in mail.outbox] == [[world.official_a.email]]


def test_only_the_officials_of_the_halls_street_are_asked(world, reviewing, resolution, ask, residents):
    colleague = person_with_role(Role.STREET_OFFICIAL, place=world.street_a, display_name="甲街道干部二")
    person_with_role(Role.STREET_OFFICIAL, place=world.street_b, display_name="乙街道干部")
    person_with_role(Role.DISTRICT_OFFICIAL, place=Place.objects.get_parent(world.street_a))
    ask()
    told = {notice.user for notice in asked()}
    assert told == {world.official_a, colleague}
    assert all(person.has_perm("halls.review_topic", resolution) for person in told)


def test_they_are_asked_again_when_a_returned_resolution_is_resolved_anew(world, reviewing, published, ask):
    ask()
    review_decide(topic=published, by=world.official_a, decision=Review.Decision.RETURNED, reason="补充方案")
    assert ask() == []  # back in review: not awaiting the street
    topic_advance(topic=published, actor=world.staff_a1, to=TopicStatus.RESOLUTION)
    assert ask() == [published.pk]
    assert list(asked(world.official_a).order_by("key").values_list("key", flat=True)) == [
        f"{ASKED}{published.pk}.0",
        f"{ASKED}{published.pk}.1",
    ]


def test_a_resolution_the_street_has_approved_is_not_asked_about(world, reviewing, published, ask):
    review_decide(topic=published, by=world.official_a, decision=Review.Decision.APPROVED)
    assert ask() == [] and not asked().exists()


def test_a_hall_whose_rules_want_no_review_asks_nobody(world, hall, resolution, ask):
    assert ask() == [] and not asked().exists()


def test_the_schedule_asks_every_minute(world, reviewing, resolution, django_capture_on_commit_callbacks):
    assert settings.CELERY_BEAT_SCHEDULE["ask-street-reviews"] == {
        "task": "apps.halls.tasks.ask_street_reviews",
        "schedule": 60.0,
    }
    with django_capture_on_commit_callbacks(execute=True):
        assert ask_street_reviews.apply().get() == 1
    assert ReviewRequest.objects.get().topic == resolution
    assert asked(world.official_a).exists()
