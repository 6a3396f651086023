"""A hall's notices and their e-mails are in the site's language, whichever language the person who
acted reads the portal in (this folder's tests act in English)."""

import pytest
from django.utils import translation

from apps.halls.procedure import TopicStatus
from apps.halls.topics.discussion import comment_post, topic_follow
from apps.halls.topics.services import topic_advance, topic_raise
from apps.notifications.models import Notification


@pytest.fixture
def followed(hall, residents):
    topic = topic_raise(hall=hall, user=residents[0], title="补种枯死绿植", body="楼前绿地枯死一片")
    topic_follow(topic=topic, user=residents[1], follow=True)
    return topic


def test_a_comment_written_in_english_tells_followers_in_chinese(
    followed, residents, mailoutbox, django_capture_on_commit_callbacks
):
    assert translation.get_language() == "en"
    with django_capture_on_commit_callbacks(execute=True):
        comment_post(topic=followed, author=residents[0], body="I agree")

    notice = Notification.objects.get(user=residents[1])
    assert notice.title == "补种枯死绿植有新评论"
    told = [mail.subject for mail in mailoutbox if mail.to == [residents[1].email]]
    assert told == ["补种枯死绿植有新评论"]


def test_a_step_taken_by_english_speaking_staff_is_told_in_chinese(
    world, followed, residents, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        topic_advance(topic=followed, actor=world.staff_a1, to=TopicStatus.PROPOSAL)

    assert Notification.objects.get(user=residents[1]).title == "补种枯死绿植：提议"


def test_on_an_english_site_the_same_notice_is_in_english(
    settings, followed, residents, django_capture_on_commit_callbacks
):
    settings.LANGUAGE_CODE = "en"
    with translation.override("zh-hans"), django_capture_on_commit_callbacks(execute=True):
        comment_post(topic=followed, author=residents[0], body="同意")

    assert Notification.objects.get(user=residents[1]).title == "New comment on 补种枯死绿植"


def test_the_person_who_comments_is_not_told_of_their_own_comment(
    followed, residents, django_capture_on_commit_callbacks
):
    topic_follow(topic=followed, user=residents[0], follow=True)
    with django_capture_on_commit_callbacks(execute=True):
        comment_post(topic=followed, author=residents[1], body="同意")

    assert not Notification.objects.filter(user=residents[1]).exists()
    assert Notification.objects.filter(user=residents[0]).count() == 1
