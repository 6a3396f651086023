"""seed_demo's halls: a hall per community, and in the first one topics at every step with what follows."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count, F, Q

from apps.access.models import RoleAssignment
from apps.halls.models import Hall, Objection, Result, Review, Task, TaskEscalation, TaskRating, Topic, Vote
from apps.halls.procedure import TopicStatus
from apps.halls.resolutions.services import awaiting_review
from apps.places.models import Place, PlaceKind

pytestmark = pytest.mark.django_db


def test_the_demo_opens_a_hall_per_community_with_topics_and_fills_the_first():
    call_command("seed_demo", "--small", stdout=StringIO())
    assert Hall.objects.count() == Place.objects.filter(kind=PlaceKind.COMMUNITY).count()
    hall = Hall.objects.order_by("place__path").first()
    statuses = set(Topic.objects.filter(hall=hall).values_list("status", flat=True))
    assert {TopicStatus.RAISED, TopicStatus.RESOLUTION_PUBLIC, TopicStatus.RESULT_PUBLIC} <= statuses
    assert set(Vote.objects.values_list("status", flat=True)) == {"open", "closed"}
    assert Result.objects.filter(approved=True).exists()
    assert Objection.objects.filter(answered_at__isnull=False).exists() and Review.objects.exists()
    assert awaiting_review(Topic.objects.all()).exists()
    assert Task.objects.filter(status="done").exists() and TaskRating.objects.exists()
    assert TaskEscalation.objects.filter(level=1).exists()
    assert_proposers_households_cosigned(hall)
    for neighbour in Hall.objects.exclude(pk=hall.pk):
        titles = list(neighbour.topics.values_list("title", flat=True))
        assert len(titles) >= 5 and len(set(titles)) == len(titles), neighbour.name
        assert_proposers_households_cosigned(neighbour)


def assert_proposers_households_cosigned(hall):
    """Each topic the demo raised is co-signed first by its proposer's household, and its count says so."""
    topics = Topic.objects.filter(hall=hall).annotate(
        signed=Count("signatures"),
        by_proposer=Count("signatures", filter=Q(signatures__user=F("raised_by"))),
    )
    assert topics.exists()
    for topic in topics:
        assert topic.by_proposer == 1 and topic.cosignatures == topic.signed >= 1, topic.title
        household = topic.signatures.get(user=topic.raised_by_id).household
        residency = RoleAssignment.objects.filter(user=topic.raised_by_id, place=household, role="resident")
        assert residency.exists(), topic.title
