"""每月一题 worked: a lead unit, a checklist of measures with progress, and before/after figures."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from apps.access.visibility import visible_to
from apps.oversight.models import MonthlyTopic, TopicMeasure
from apps.oversight.rollups import rollups_rebuild
from apps.oversight.topic_work import before_after, measure_add, measure_progress, topic_lead, topic_progress
from tests.scoping import assert_twin_agrees, world_personas

from .conftest import START, submit_at


@pytest.fixture
def topic(world, categories):
    return MonthlyTopic.objects.create(
        street=world.street_a, month=START.date().replace(day=1), category=categories["lamp"]
    )


def test_the_street_names_a_lead_unit_and_community_staff_cannot(world, topic):
    with pytest.raises(PermissionDenied):
        topic_lead(topic=topic, by=world.staff_a1, lead_unit="城管科")
    assert topic_lead(topic=topic, by=world.official_a, lead_unit="城管科").lead_unit == "城管科"


def test_measures_progress_to_the_topics_progress(world, topic):
    first = measure_add(topic=topic, by=world.official_a, text="排查楼道灯")
    measure_add(topic=topic, by=world.official_a, text="更换灯具")
    measure_progress(measure=first, by=world.official_a, progress=100)
    assert topic_progress(topic, list(topic.measures.all())) == 50


def test_progress_beyond_a_percentage_is_refused(world, topic):
    measure = measure_add(topic=topic, by=world.official_a, text="排查楼道灯")
    with pytest.raises(ValidationError):
        measure_progress(measure=measure, by=world.official_a, progress=120)
    measure.refresh_from_db()
    assert measure.progress == 0


def test_before_and_after_count_the_categorys_reports_month_by_month(world, categories, topic):
    household = world.households(world.community_a1)[0]
    before = START - timedelta(days=35)
    for moment in (before, before + timedelta(hours=1), START):
        submit_at(moment, household, categories["lamp"])
    with time_machine.travel(START + timedelta(days=1), tick=False):
        rollups_rebuild()
    months = dict(before_after(topic, today=START.date()))
    month = topic.month
    assert months[month] == 1
    assert sum(months.values()) == 3


def test_measures_are_seen_within_their_street(world, categories, topic):
    measure_add(topic=topic, by=world.official_a, text="排查楼道灯")
    assert visible_to(world.staff_b1, TopicMeasure.objects.all()).count() == 0
    assert_twin_agrees(TopicMeasure, world_personas(world))


def test_the_official_works_the_topic_on_its_page(client, world, topic):
    client.force_login(world.official_a)
    url = reverse("oversight:topic_work", kwargs={"pk": topic.pk})
    client.post(url, {"action": "lead", "lead_unit": "城管科"})
    client.post(url, {"action": "measure", "text": "排查楼道灯"})
    measure = TopicMeasure.objects.get()
    client.post(url, {"action": "progress", "measure": measure.pk, "progress": "60"})
    page = client.get(url)
    assert page.context["progress"] == 60
    assert "城管科" in page.content.decode()
    bad = client.post(url, {"action": "progress", "measure": measure.pk, "progress": "六十"}, follow=True)
    assert bad.status_code == 200
    measure.refresh_from_db()
    assert measure.progress == 60


def test_staff_of_another_street_find_no_topic(client, world, topic):
    client.force_login(world.staff_b1)
    assert client.get(reverse("oversight:topic_work", kwargs={"pk": topic.pk})).status_code == 404
