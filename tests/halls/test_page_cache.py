"""The hall home and the topic page kept in the cache: what each person sees stays their own, a
change through a service shows once it commits, nobody outside the hall gets a page the cache holds,
and the pages stay within their queries whether the cache holds them or not."""

import re
from datetime import timedelta

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from apps.halls.models import Comment, Objection, Topic
from apps.halls.procedure import TopicStatus
from apps.halls.resolutions.implementation import task_create, task_rate, task_report
from apps.halls.resolutions.services import notices_close
from apps.halls.services import hall_for
from apps.halls.topics.discussion import FLAGS_TO_HIDE, comment_flag, comment_post, topic_follow
from apps.halls.topics.services import topic_advance, topic_cosign, topic_raise

from .conftest import resident_of

MAX_QUERIES = 8


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """A change made in it is committed: what its transaction queued after commit runs."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture(autouse=True)
def _pages_in_english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def topic(hall, residents):
    return topic_raise(hall=hall, user=residents[0], title="补种枯死绿植", body="楼前绿地枯死一片")


def page_of(client, person, url):
    client.force_login(person)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def delete_buttons(page) -> set[int]:
    return {int(pk) for pk in re.findall(r"/halls/comments/(\d+)/delete/", page)}


def test_each_person_gets_the_delete_button_under_their_own_comments_only(client, topic, residents):
    first = comment_post(topic=topic, author=residents[0], body="第一条")
    second = comment_post(topic=topic, author=residents[1], body="第二条")
    url = reverse("halls:topic", args=[topic.pk])
    assert delete_buttons(page_of(client, residents[0], url)) == {first.pk}
    assert delete_buttons(page_of(client, residents[1], url)) == {second.pk}  # served from the cache
    assert (
        delete_buttons(page_of(client, resident_of(residents[0].role_assignments.get().place), url)) == set()
    )


def test_a_page_from_the_cache_carries_the_persons_own_csrf_token_and_works(residents, topic):
    from django.test import Client

    url = reverse("halls:topic", args=[topic.pk])
    first = Client(HTTP_ACCEPT_LANGUAGE="en", enforce_csrf_checks=True)
    first.force_login(residents[0])
    first.get(url)  # fills the cache
    second = Client(HTTP_ACCEPT_LANGUAGE="en", enforce_csrf_checks=True)
    second.force_login(residents[1])
    page = second.get(url).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    response = second.post(
        reverse("halls:comment_post", args=[topic.pk]),
        {"body": "从缓存页面发的", "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302
    assert Comment.objects.filter(author=residents[1], body="从缓存页面发的").exists()


def test_every_objection_form_carries_a_submission_key_of_its_own(client, published, residents):
    url = reverse("halls:topic", args=[published.pk])
    keys = [
        re.search(r'name="submission_key" value="([^"]+)"', page_of(client, person, url)).group(1)
        for person in (residents[0], residents[1], residents[0])
    ]
    assert len(set(keys)) == 3
    for person, key in zip(residents, keys, strict=False):
        client.force_login(person)
        client.post(
            reverse("halls:objection_file", args=[published.pk]), {"body": "异议", "submission_key": key}
        )
    assert Objection.objects.count() == 2


def test_a_change_shows_at_once_on_pages_the_cache_holds(client, hall, topic, residents, committed):
    topic_url, hall_url = reverse("halls:topic", args=[topic.pk]), reverse("halls:hall", args=[hall.pk])
    assert "0 comments" in page_of(client, residents[1], hall_url)
    page_of(client, residents[1], topic_url)
    with committed():
        comment = comment_post(topic=topic, author=residents[0], body="新的意见")
    assert "新的意见" in page_of(client, residents[1], topic_url)
    assert "1 comment" in page_of(client, residents[1], hall_url)
    household = residents[1].role_assignments.get().place
    for n in range(FLAGS_TO_HIDE):  # the last report hides it with a bulk update
        with committed():
            comment_flag(comment=comment, user=resident_of(household, name=f"邻居{n}"), reason="")
    assert "新的意见" not in page_of(client, residents[1], topic_url)


def test_a_change_shows_only_once_its_transaction_commits(client, topic, residents, committed):
    url = reverse("halls:topic", args=[topic.pk])
    page_of(client, residents[1], url)
    with committed():
        comment_post(topic=topic, author=residents[0], body="提交前")
        assert "提交前" not in page_of(client, residents[1], url)  # kept under the version being replaced
    assert "提交前" in page_of(client, residents[1], url)


def test_a_change_made_without_a_service_shows_within_a_minute(
    client, topic, residents, committed, time_machine
):
    url = reverse("halls:topic", args=[topic.pk])
    with committed():
        comment = comment_post(topic=topic, author=residents[0], body="原来的意见")
    page_of(client, residents[1], url)
    Comment.objects.filter(pk=comment.pk).update(body="改过的意见")  # e.g. by hand in the database
    assert "改过的意见" not in page_of(client, residents[1], url)
    time_machine.move_to(timezone.now() + timedelta(seconds=61))
    assert "改过的意见" in page_of(client, residents[1], url)


def test_a_topic_moved_to_another_hall_is_read_from_its_new_hall(client, world, topic, residents):
    url = reverse("halls:topic", args=[topic.pk])
    page_of(client, residents[1], url)
    topic.hall = hall_for(world.community_b2)
    topic.save()
    client.force_login(residents[1])
    assert client.get(url).status_code == 404
    assert page_of(client, world.outsider, url)


def test_nobody_outside_the_hall_gets_a_page_the_cache_holds(client, world, hall, topic, residents):
    topic_url, hall_url = reverse("halls:topic", args=[topic.pk]), reverse("halls:hall", args=[hall.pk])
    page_of(client, residents[1], topic_url)
    page_of(client, residents[1], hall_url)
    client.force_login(world.outsider)
    assert client.get(topic_url).status_code == 404
    assert client.get(hall_url).status_code == 404
    assert client.get(reverse("halls:topic", args=[topic.pk + 999])).status_code == 404


def test_ratings_and_progress_forms_follow_the_person(client, world, published, residents):
    done = task_create(
        topic=published, by=world.staff_a1, title="补种绿植", unit="绿化队", due_on=timezone.localdate()
    )
    task_report(task=done, by=world.staff_a1, progress=100, note="完成")
    doing = task_create(
        topic=published,
        by=world.staff_a1,
        title="修喷灌",
        assignee=residents[1],
        unit="物业",
        due_on=timezone.localdate() + timedelta(days=3),
    )
    task_rate(task=done, user=residents[0], satisfaction="satisfied")
    url = reverse("halls:topic", args=[published.pk])
    first = page_of(client, residents[0], url)
    assert "You have rated this task" in first and "Report progress" not in first
    second = page_of(client, residents[1], url)
    assert "You have rated this task" not in second and "Send my rating" in second
    assert f"/halls/tasks/{doing.pk}/progress/" in second
    assert "Report progress" in page_of(client, world.staff_a1, url)


@pytest.mark.parametrize("cached", [False, True])
def test_the_topic_page_stays_within_its_queries_with_or_without_the_cache(
    client, world, published, residents, cached, django_assert_max_num_queries
):
    for i in range(30):
        comment_post(topic=published, author=residents[i % 2], body=f"意见{i}")
    made = task_create(
        topic=published, by=world.staff_a1, title="补种", unit="绿化队", due_on=timezone.localdate()
    )
    task_report(task=made, by=world.staff_a1, progress=100, note="完成")
    url = reverse("halls:topic", args=[published.pk])
    client.force_login(residents[1])
    if cached:
        client.get(url)
    with django_assert_max_num_queries(MAX_QUERIES if not cached else 5):
        assert "意见29" in client.get(url).content.decode()


def test_pages_render_without_a_cache(client, hall, topic, residents):
    comment_post(topic=topic, author=residents[0], body="第一条")
    with override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}):
        assert "第一条" in page_of(client, residents[1], reverse("halls:topic", args=[topic.pk]))
        assert "补种枯死绿植" in page_of(client, residents[1], reverse("halls:hall", args=[hall.pk]))


def cosigned_text(count: int) -> str:
    return f"{count} household co-signed" if count == 1 else f"{count} households co-signed"


def test_a_bulk_update_by_a_service_shows_on_the_next_read(client, hall, topic, residents, committed):
    topic_url, hall_url = reverse("halls:topic", args=[topic.pk]), reverse("halls:hall", args=[hall.pk])
    before = Topic.objects.get(pk=topic.pk).cosignatures
    for url in (topic_url, hall_url, topic_url, hall_url):  # the second visits are served from the cache
        assert cosigned_text(before) in page_of(client, residents[0], url)
    with committed():
        topic_cosign(topic=topic, user=residents[1])  # counted with an update() on the topic's row
    assert cosigned_text(before + 1) in page_of(client, residents[0], topic_url)
    assert cosigned_text(before + 1) in page_of(client, residents[0], hall_url)


def test_a_step_of_the_procedure_shows_on_the_next_read(client, world, hall, topic, residents, committed):
    topic_url, hall_url = reverse("halls:topic", args=[topic.pk]), reverse("halls:hall", args=[hall.pk])
    for url in (topic_url, hall_url, topic_url, hall_url):
        assert "Collecting co-signatures" in page_of(client, residents[1], url)
    assert '<span class="badge">Collecting co-signatures' in page_of(client, residents[1], topic_url)
    with committed():
        topic_advance(topic=topic, actor=world.staff_a1, to=TopicStatus.PROPOSAL, note="列入议程")
    assert '<span class="badge">Collecting co-signatures' not in page_of(client, residents[1], topic_url)
    assert "Collecting co-signatures" not in page_of(client, residents[1], hall_url)


@pytest.fixture
def staff_topic(world, hall):
    """Raised by staff: no household has signed it yet."""
    return topic_raise(hall=hall, user=world.staff_a1, title="楼道堆物清理", body="楼道里堆满了杂物")


def test_the_follow_and_co_sign_buttons_are_each_persons_own(client, staff_topic, residents, committed):
    topic = staff_topic
    url = reverse("halls:topic", args=[topic.pk])
    with committed():
        topic_follow(topic=topic, user=residents[0])
    follower = page_of(client, residents[0], url)
    other = page_of(client, residents[1], url)  # served from the cache
    assert "Unfollow" in follower and "Unfollow" not in other
    with committed():
        topic_cosign(topic=topic, user=residents[1])
    assert "Your household co-signed" in page_of(client, residents[1], url)
    assert "Your household co-signed" not in page_of(client, resident_of(world_household(residents[0])), url)


def world_household(person):
    return person.role_assignments.get().place


def test_a_csrf_token_from_the_cache_is_never_anothers(residents, topic):
    from django.test import Client

    url = reverse("halls:topic", args=[topic.pk])
    clients = []
    for person in residents[:2]:
        one = Client(HTTP_ACCEPT_LANGUAGE="en", enforce_csrf_checks=True)
        one.force_login(person)
        page = one.get(url).content.decode()
        clients.append((one, re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)))
    (_, first_token), (second, second_token) = clients
    post = reverse("halls:comment_post", args=[topic.pk])
    assert second.post(post, {"body": "别人的令牌", "csrfmiddlewaretoken": first_token}).status_code == 403
    assert second.post(post, {"body": "自己的令牌", "csrfmiddlewaretoken": second_token}).status_code == 302


def test_closing_a_notice_in_bulk_shows_on_the_next_read(
    client, published, residents, committed, time_machine
):
    url = reverse("halls:topic", args=[published.pk])
    time_machine.move_to(published.notice_until + timedelta(minutes=1))
    for _ in range(2):  # the second visit is served from the cache
        assert "The public notice has ended." not in page_of(client, residents[1], url)
    with committed():
        assert notices_close(timezone.now()) == [published.pk]  # an update() of the topic's row
    assert "The public notice has ended." in page_of(client, residents[1], url)


def test_the_proposer_reads_that_their_household_co_signed_first(client, hall, residents, committed):
    with committed():
        topic = topic_raise(hall=hall, user=residents[0], title="补种枯死绿植", body="楼前绿地枯死一片")
    url = reverse("halls:topic", args=[topic.pk])
    proposers_page = page_of(client, residents[0], url)
    assert "You raised this topic: your household is its first co-signer" in proposers_page
    assert "You raised this topic" not in page_of(client, residents[1], url)


def test_the_hall_home_from_the_cache_asks_only_for_the_person_and_their_roles(
    client, hall, topic, residents, django_assert_num_queries
):
    url = reverse("halls:hall", args=[hall.pk])
    client.force_login(residents[1])
    client.get(url)
    with django_assert_num_queries(2):
        assert "补种枯死绿植" in client.get(url).content.decode()
