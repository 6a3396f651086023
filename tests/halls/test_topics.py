"""Halls, topics, co-signing households and the 四议两公开 procedure."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from apps.audit.models import StaffAction
from apps.halls.models import Hall, Result
from apps.halls.procedure import TopicStatus
from apps.halls.services import hall_for, hall_open
from apps.halls.topics.services import topic_advance, topic_cosign, topic_decline, topic_merge, topic_raise

from .conftest import resident_of


@pytest.fixture
def topic(hall, residents):
    return topic_raise(hall=hall, user=residents[0], title="补种枯死绿植", body="楼前绿地枯死一片")


def test_each_community_gets_its_own_hall_on_demand(world):
    assert hall_for(world.households(world.community_a1)[0]) == hall_for(world.community_a1)
    assert hall_for(world.community_a1) != hall_for(world.community_a2)
    assert Hall.objects.count() == 2


def test_a_compound_that_opens_its_own_hall_is_served_by_it(world):
    compound = world.compound(world.community_a1)
    own = hall_open(place=compound, by=world.staff_a1)
    assert hall_for(world.households(world.community_a1)[0]) == own


def test_only_the_streets_officials_open_a_street_hall(world):
    with pytest.raises(PermissionDenied):
        hall_open(place=world.street_a, by=world.staff_a1)
    assert hall_open(place=world.street_a, by=world.official_a).place == world.street_a


def test_a_verified_resident_raises_a_topic_in_their_hall(topic, residents):
    assert topic.status == TopicStatus.RAISED and topic.raised_by == residents[0]


def test_a_resident_of_another_community_cannot_raise_a_topic_there(world, hall):
    with pytest.raises(PermissionDenied):
        topic_raise(hall=hall, user=world.outsider, title="外人议题", body="…")


def test_a_household_cosigns_once_whoever_of_it_signs(world, topic, residents):
    relative = resident_of(world.households(world.community_a1)[1])
    topic_cosign(topic=topic, user=residents[1])
    with pytest.raises(ValidationError, match="already co-signed"):
        topic_cosign(topic=topic, user=relative)
    topic.refresh_from_db()
    assert topic.cosignatures == 2


def test_the_proposers_household_is_the_first_cosigner(world, topic, residents):
    topic.refresh_from_db()
    assert topic.cosignatures == 1
    assert list(topic.signatures.values_list("household", "user")) == [
        (world.households(world.community_a1)[0].pk, residents[0].pk)
    ]


def test_the_proposers_household_cannot_cosign_again(world, topic, residents):
    relative = resident_of(world.households(world.community_a1)[0])
    for person in (residents[0], relative):
        with pytest.raises(ValidationError, match="raised this topic and is already its first co-signer"):
            topic_cosign(topic=topic, user=person)
    topic.refresh_from_db()
    assert topic.cosignatures == 1 and topic.signatures.count() == 1


def test_a_topic_raised_by_staff_has_no_household_cosigner(world, hall):
    topic = topic_raise(hall=hall, user=world.staff_a1, title="楼道堆物清理", body="…")
    topic.refresh_from_db()
    assert topic.cosignatures == 0 and not topic.signatures.exists()


def test_a_hall_of_one_signature_puts_the_proposers_topic_on_the_agenda_at_once(hall, residents):
    hall.cosign_threshold = 1
    hall.save()
    topic = topic_raise(hall=hall, user=residents[0], title="车棚漏雨", body="…")
    topic.refresh_from_db()
    assert topic.status == TopicStatus.PROPOSAL and topic.cosignatures == 1


def test_an_outsider_cannot_cosign(world, topic):
    with pytest.raises(ValidationError):
        topic_cosign(topic=topic, user=world.outsider)


def test_the_threshold_of_cosigning_households_puts_the_topic_on_the_agenda(hall, topic, residents):
    hall.cosign_threshold = 2
    hall.save()
    topic.refresh_from_db()  # the proposer's household counts as the first
    assert topic.status == TopicStatus.RAISED and topic.cosignatures == 1
    topic_cosign(topic=topic, user=residents[1])
    topic.refresh_from_db()
    assert topic.status == TopicStatus.PROPOSAL and topic.agenda_at is not None


def test_staff_decline_a_topic_with_a_public_reason(world, topic):
    with pytest.raises(ValidationError):
        topic_decline(topic=topic, actor=world.staff_a1, reason=" ")
    topic_decline(topic=topic, actor=world.staff_a1, reason="属于物业维修范围，已转报事")
    topic.refresh_from_db()
    assert topic.status == TopicStatus.DECLINED and topic.reason == "属于物业维修范围，已转报事"


def test_staff_of_another_community_cannot_decline_it(world, topic):
    with pytest.raises(PermissionDenied):
        topic_decline(topic=topic, actor=world.staff_a2, reason="不是我们的")


def test_staff_merge_a_duplicate_into_another_topic(world, hall, topic, residents):
    other = topic_raise(hall=hall, user=residents[1], title="绿地补种", body="同一件事")
    topic_merge(topic=other, into=topic, actor=world.staff_a1)
    other.refresh_from_db()
    assert other.status == TopicStatus.MERGED and other.merged_into == topic


def test_staff_schedule_a_topic_and_move_it_one_step_at_a_time(world, topic):
    topic_advance(topic=topic, actor=world.staff_a1, to=TopicStatus.PROPOSAL)
    topic_advance(topic=topic, actor=world.staff_a1, to=TopicStatus.DELIBERATION)
    topic.refresh_from_db()
    assert topic.status == TopicStatus.DELIBERATION


@pytest.mark.parametrize("target", [TopicStatus.REVIEW, TopicStatus.RESOLUTION, TopicStatus.RESULT_PUBLIC])
def test_no_mandatory_step_of_the_procedure_can_be_skipped(world, topic, target):
    topic_advance(topic=topic, actor=world.staff_a1, to=TopicStatus.PROPOSAL)
    with pytest.raises(ValidationError, match="no step may be skipped"):
        topic_advance(topic=topic, actor=world.staff_a1, to=target)


def test_a_resident_cannot_move_a_topic(topic, residents):
    with pytest.raises(PermissionDenied):
        topic_advance(topic=topic, actor=residents[0], to=TopicStatus.PROPOSAL)


def _to_review(topic, staff):
    for step in (TopicStatus.PROPOSAL, TopicStatus.DELIBERATION, TopicStatus.REVIEW):
        topic_advance(topic=topic, actor=staff, to=step)


def test_the_resolution_needs_a_proposal_approved_by_a_closed_vote(world, topic, open_vote):
    _to_review(topic, world.staff_a1)
    with pytest.raises(ValidationError, match="approved by a closed vote"):
        topic_advance(topic=topic, actor=world.staff_a1, to=TopicStatus.RESOLUTION)
    vote = open_vote(topic=topic)
    Result.objects.create(
        vote=vote,
        electorate=2,
        electorate_area=0,
        participants=2,
        participating_area=0,
        tallies={},
        approved=True,
    )
    topic_advance(topic=topic, actor=world.staff_a1, to=TopicStatus.RESOLUTION)


def test_the_result_is_published_only_after_the_public_notice(world, hall, topic, open_vote):
    _to_review(topic, world.staff_a1)
    vote = open_vote(topic=topic)
    Result.objects.create(
        vote=vote,
        electorate=2,
        electorate_area=0,
        participants=2,
        participating_area=0,
        tallies={},
        approved=True,
    )
    topic_advance(topic=topic, actor=world.staff_a1, to=TopicStatus.RESOLUTION)
    topic_advance(topic=topic, actor=world.staff_a1, to=TopicStatus.RESOLUTION_PUBLIC)
    with pytest.raises(ValidationError, match="public notice"):
        topic_advance(topic=topic, actor=world.staff_a1, to=TopicStatus.RESULT_PUBLIC)
    with time_machine.travel(timezone.now() + timedelta(days=hall.notice_days, minutes=1)):
        topic_advance(topic=topic, actor=world.staff_a1, to=TopicStatus.RESULT_PUBLIC)


def test_every_step_writes_an_audit_entry(world, topic):
    topic_advance(topic=topic, actor=world.staff_a1, to=TopicStatus.PROPOSAL, note="列入议程")
    entry = StaffAction.objects.filter(content_type__model="topic", object_id=topic.pk).first()
    assert (entry.action, entry.actor, entry.detail) == ("halls.step:proposal", world.staff_a1, "列入议程")


def test_the_audit_log_is_append_only(world, topic):
    entry = StaffAction.objects.filter(content_type__model="topic", object_id=topic.pk).first()
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        StaffAction.objects.all().update(detail="改写")
    with pytest.raises(PermissionError):
        StaffAction.objects.all().delete()
