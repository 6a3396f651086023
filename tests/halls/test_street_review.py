"""The street office reviews a community's resolution where the hall's rules want it."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from apps.access.roles import Role
from apps.audit.models import StaffAction
from apps.halls.models import Review, Topic
from apps.halls.procedure import TopicStatus
from apps.halls.resolutions.services import awaiting_review, objection_file, review_decide
from apps.halls.topics.services import topic_advance
from tests.factories import person_with_role


@pytest.fixture(autouse=True)
def _street_review(hall):
    hall.street_review = True
    hall.save(update_fields=["street_review"])


def test_a_resolution_awaits_the_streets_review_until_filed_or_approved(world, published):
    assert list(awaiting_review(Topic.objects.all())) == [published]
    review_decide(topic=published, by=world.official_a, decision=Review.Decision.FILED)
    assert not awaiting_review(Topic.objects.all()).exists()


def test_the_result_waits_for_the_streets_approval(world, published):
    with time_machine.travel(published.notice_until + timedelta(minutes=1)):
        with pytest.raises(ValidationError, match="not approved"):
            topic_advance(topic=published, actor=world.staff_a1, to=TopicStatus.RESULT_PUBLIC)
        review_decide(topic=published, by=world.official_a, decision=Review.Decision.APPROVED)
        topic_advance(topic=published, actor=world.staff_a1, to=TopicStatus.RESULT_PUBLIC)


def test_each_review_is_audited(world, published):
    review_decide(topic=published, by=world.official_a, decision=Review.Decision.APPROVED, reason="同意")
    entry = StaffAction.objects.get(action="halls.review:approved")
    assert (entry.actor, entry.object_id, entry.detail) == (world.official_a, str(published.pk), "同意")


def test_returning_a_resolution_needs_a_reason(world, published):
    with pytest.raises(ValidationError, match="needs a reason"):
        review_decide(topic=published, by=world.official_a, decision=Review.Decision.RETURNED, reason=" ")
    assert not Review.objects.exists()


def test_a_returned_resolution_goes_back_to_review_and_its_notice_is_withdrawn(world, published, residents):
    review_decide(
        topic=published, by=world.official_a, decision=Review.Decision.RETURNED, reason="未征求物业意见"
    )
    published.refresh_from_db()
    assert (published.status, published.notice_until) == (TopicStatus.REVIEW, None)
    with pytest.raises(ValidationError, match="only while a resolution is under public notice"):
        objection_file(topic=published, author=residents[1], body="异议")
    assert StaffAction.objects.filter(action="halls.step:review", detail="未征求物业意见").exists()


def test_a_resolution_resolved_again_after_its_return_awaits_review_again(world, published):
    review_decide(topic=published, by=world.official_a, decision=Review.Decision.RETURNED, reason="补充方案")
    topic_advance(topic=published, actor=world.staff_a1, to=TopicStatus.RESOLUTION)
    assert list(awaiting_review(Topic.objects.all())) == [published]


def test_a_review_by_an_official_of_another_street_is_refused(world, published):
    other = person_with_role(Role.STREET_OFFICIAL, place=world.street_b, display_name="乙街道干部")
    with pytest.raises(PermissionDenied):
        review_decide(topic=published, by=other, decision=Review.Decision.APPROVED)
    assert not Review.objects.exists()


def test_community_staff_do_not_review_their_own_resolutions(world, published):
    with pytest.raises(PermissionDenied):
        review_decide(topic=published, by=world.staff_a1, decision=Review.Decision.APPROVED)


def test_a_concluded_review_is_not_made_twice(world, published):
    review_decide(topic=published, by=world.official_a, decision=Review.Decision.APPROVED)
    with pytest.raises(ValidationError, match="not awaiting"):
        review_decide(
            topic=published, by=world.official_a, decision=Review.Decision.RETURNED, reason="改主意"
        )
    assert Review.objects.count() == 1


def test_a_hall_whose_rules_want_no_review_is_not_reviewed(world, hall, published):
    hall.street_review = False
    hall.save(update_fields=["street_review"])
    with pytest.raises(ValidationError, match="do not need the street"):
        review_decide(topic=published, by=world.official_a, decision=Review.Decision.APPROVED)


def test_a_topic_still_in_discussion_is_not_reviewed(world, hall, residents):
    from apps.halls.topics.services import topic_raise

    topic = topic_raise(hall=hall, user=residents[0], title="新议题", body="…")
    with pytest.raises(ValidationError, match="not awaiting"):
        review_decide(topic=topic, by=world.official_a, decision=Review.Decision.APPROVED)
