"""The topic page after a resolution (objections, answers, tasks, ratings), the street's review page,
and their query counts as data grows."""

from datetime import timedelta

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from apps.access.roles import Role
from apps.halls.models import Comment, Objection, Review, Task, TaskRating, Topic
from apps.halls.procedure import TopicStatus
from apps.halls.resolutions.implementation import task_create, task_report
from apps.halls.resolutions.services import objection_file
from tests.factories import jpeg_bytes, person_with_role

MAX_QUERIES = 8


@pytest.fixture(autouse=True)
def _pages_in_english(client):
    """Pages are matched by their English msgids here, whatever the Chinese catalogue says."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def topic_url(topic):
    return reverse("halls:topic", args=[topic.pk])


def test_a_resident_files_an_objection_from_the_topic_page(client, published, residents):
    client.force_login(residents[1])
    page = client.get(topic_url(published)).content.decode()
    assert '<html lang="en">' in page and "File my objection" in page
    form = {"body": "树种不合适", "submission_key": "5a4c8a0e-4a51-4e0c-9b5c-3f7f1c7a2d11"}
    client.post(reverse("halls:objection_file", args=[published.pk]), form)
    client.post(reverse("halls:objection_file", args=[published.pk]), form)
    assert Objection.objects.get().body == "树种不合适"


def test_an_objection_after_the_window_is_refused_on_the_page_keeping_the_text(client, published, residents):
    client.force_login(residents[1])
    with time_machine.travel(published.notice_until + timedelta(hours=1)):
        response = client.post(
            reverse("halls:objection_file", args=[published.pk]),
            {"body": "来晚的异议", "submission_key": "0f4c8a0e-4a51-4e0c-9b5c-3f7f1c7a2d11"},
        )
    body = response.content.decode()
    assert response.status_code == 400 and "public notice ended on" in body and "来晚的异议" in body
    assert not Objection.objects.exists()


def test_staff_answer_from_the_page_and_everyone_reads_the_answer(client, world, published, residents):
    objection = objection_file(topic=published, author=residents[1], body="树种不合适")
    client.force_login(world.staff_a1)
    client.post(reverse("halls:objection_answer", args=[objection.pk]), {"answer": "已改为本地树种"})
    client.force_login(residents[0])
    assert "已改为本地树种" in client.get(topic_url(published)).content.decode()


def test_an_empty_answer_is_refused_on_the_page(client, world, published, residents):
    objection = objection_file(topic=published, author=residents[1], body="树种不合适")
    client.force_login(world.staff_a1)
    response = client.post(reverse("halls:objection_answer", args=[objection.pk]), {"answer": " "})
    assert response.status_code == 400
    objection.refresh_from_db()
    assert objection.answered_at is None


def test_residents_follow_a_task_and_see_its_delay(client, task, residents):
    client.force_login(residents[1])
    with time_machine.travel(timezone.now() + timedelta(days=13)):
        body = client.get(topic_url(task.topic)).content.decode()
    assert "补种绿植" in body and "overdue by 3 days" in body
    assert "Report progress" not in body


def test_the_person_responsible_reports_progress_with_a_photo_from_the_page(client, task, residents):
    client.force_login(residents[0])
    photo = SimpleUploadedFile("p.jpg", jpeg_bytes(), content_type="image/jpeg")
    form = {"progress": "60", "note": "已补种六成", "photos": photo}
    form["submission_key"] = "1b4c8a0e-4a51-4e0c-9b5c-3f7f1c7a2d11"
    client.post(reverse("halls:task_report", args=[task.pk]), form)
    update = task.updates.last()
    assert (update.progress, len(update.photos)) == (60, 1)
    # the grant in the address is signed with the second it is made in: compare up to it
    path = update.photo_urls()[0][1].split("?grant=")[0]
    assert f"{path}?grant=" in client.get(topic_url(task.topic)).content.decode()


def test_a_progress_report_out_of_range_is_refused_on_the_page_keeping_the_text(client, task, residents):
    client.force_login(residents[0])
    form = {"progress": "150", "note": "写好的说明", "submission_key": "2b4c8a0e-4a51-4e0c-9b5c-3f7f1c7a2d11"}
    response = client.post(reverse("halls:task_report", args=[task.pk]), form)
    body = response.content.decode()
    assert response.status_code == 400 and "between 0 and 100" in body and "写好的说明" in body
    assert task.updates.count() == 1


def test_residents_rate_a_done_task_from_the_page(client, task, residents):
    task_report(task=task, by=residents[0], progress=100, note="完成")
    client.force_login(residents[1])
    client.post(reverse("halls:task_rate", args=[task.pk]), {"satisfaction": "satisfied"})
    assert TaskRating.objects.get().satisfaction == "satisfied"
    assert "You have rated this task" in client.get(topic_url(task.topic)).content.decode()
    response = client.post(reverse("halls:task_rate", args=[task.pk]), {"satisfaction": "basic"})
    assert response.status_code == 400 and "already rated" in response.content.decode()


@pytest.fixture
def reviewed_hall(hall):
    hall.street_review = True
    hall.save(update_fields=["street_review"])
    return hall


def test_the_street_official_lists_and_approves_resolutions_awaiting_review(
    client, world, reviewed_hall, published, django_assert_max_num_queries
):
    client.force_login(world.official_a)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(reverse("halls:reviews"))
    assert [t.pk for t in response.context["topics"]] == [published.pk]
    client.post(reverse("halls:review_decide", args=[published.pk]), {"decision": "approved"})
    assert Review.objects.get().decision == "approved"
    assert not client.get(reverse("halls:reviews")).context["topics"]


def test_returning_without_a_reason_is_refused_on_the_review_page(client, world, reviewed_hall, published):
    client.force_login(world.official_a)
    response = client.post(reverse("halls:review_decide", args=[published.pk]), {"decision": "returned"})
    assert response.status_code == 400 and "needs a reason" in response.content.decode()
    assert not Review.objects.exists()


def test_an_official_of_another_street_neither_lists_nor_reviews(client, world, reviewed_hall, published):
    other = person_with_role(Role.STREET_OFFICIAL, place=world.street_b)
    client.force_login(other)
    assert not client.get(reverse("halls:reviews")).context["topics"]
    response = client.post(reverse("halls:review_decide", args=[published.pk]), {"decision": "approved"})
    assert response.status_code == 404 and not Review.objects.exists()


def test_community_staff_have_no_review_page(client, world):
    client.force_login(world.staff_a1)
    assert client.get(reverse("halls:reviews")).status_code == 403


def grow_topics(hall, author, n):
    Topic.objects.bulk_create(
        Topic(hall=hall, title=f"议题{i}", body="…", raised_by=author) for i in range(n)
    )
    resolved = list(Topic.objects.filter(hall=hall).order_by("pk")[: n // 10])
    Topic.objects.filter(pk__in=[t.pk for t in resolved]).update(status=TopicStatus.RESOLUTION_PUBLIC)


@pytest.mark.parametrize("topics", [10, 200])
def test_the_hall_home_takes_the_same_few_queries_for_10_or_200_topics(
    client, hall, residents, topics, django_assert_max_num_queries
):
    grow_topics(hall, residents[0], topics)
    client.force_login(residents[1])
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(reverse("halls:hall", args=[hall.pk]))
    assert len(response.context["home"].topics) == min(15, topics - topics // 10)


def grow_follow_through(topic, world, residents, comments, tasks):
    Comment.objects.bulk_create(
        Comment(topic=topic, author=residents[i % 2], body=f"意见{i}") for i in range(comments)
    )
    Objection.objects.bulk_create(
        Objection(topic=topic, author=residents[1], body=f"异议{i}") for i in range(comments // 5)
    )
    for i in range(tasks):
        made = task_create(
            topic=topic,
            by=world.staff_a1,
            title=f"任务{i}",
            unit="绿化队",
            due_on=timezone.localdate() + timedelta(days=i + 1),
        )
        task_report(task=made, by=world.staff_a1, progress=50, note="过半")


@pytest.mark.parametrize(("comments", "tasks"), [(5, 1), (100, 6)])
def test_the_topic_page_with_objections_and_tasks_takes_the_same_few_queries(
    client, world, published, residents, comments, tasks, django_assert_max_num_queries
):
    grow_follow_through(published, world, residents, comments, tasks)
    for person in (residents[1], world.staff_a1):
        client.force_login(person)
        with django_assert_max_num_queries(MAX_QUERIES):
            response = client.get(topic_url(published))
        body = response.content.decode()
        assert f"意见{comments - 1}" in body and f"任务{tasks - 1}" in body
        assert len(response.context["follow"].tasks) == tasks == Task.objects.count()


def test_the_hall_home_shows_how_far_each_resolution_has_come(client, world, task, residents):
    task_report(task=task, by=residents[0], progress=100, note="完成")
    task_create(topic=task.topic, by=world.staff_a1, title="修喷灌", unit="物业", due_on=timezone.localdate())
    client.force_login(residents[1])
    response = client.get(reverse("halls:hall", args=[task.topic.hall_id]))
    (resolution,) = response.context["home"].resolutions
    assert (resolution.task_count, resolution.tasks_done, resolution.task_progress) == (2, 1, 50)
    assert "1 of 2 tasks done" in response.content.decode()
