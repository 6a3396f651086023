"""Notices, e-mails and text messages are composed in the site's language (nobody has a language of
their own): an English site writes every word of its own in English; the place's name and the
resident's words are the only Chinese left, and they are never translated."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from apps.accounts import sms
from apps.notifications.models import Notification, TextMessage
from apps.places.models import Place, PlaceKind
from apps.places.selectors import place_label
from apps.reports.categories import categories_load
from apps.reports.lifecycle import Status
from apps.reports.models import Category, Report
from apps.reports.services import report_submit, report_transition
from apps.reports.tasks import supervise_deadlines

CJK = re.compile(r"[\u4e00-\u9fff]")
WORDS = "三楼楼道灯不亮"


@pytest.fixture
def walked(world, settings, mailoutbox, django_capture_on_commit_callbacks):
    """A report of the catalogue's, handled, found unsatisfying, reopened and left to go overdue."""
    settings.LANGUAGE_CODE = "en"
    categories_load()
    unit = Place.objects.filter(path__startswith=world.community_a1.path, kind=PlaceKind.UNIT).first()
    lamp = Category.objects.get(code="facility.stair-light")
    with django_capture_on_commit_callbacks(execute=True):
        report = report_submit(
            place=unit, category=lamp, description=WORDS, source="qr", contact_phone="13800138000"
        )
        if report.status == Status.SUBMITTED:
            report = report_transition(report=report, action="dispatch", actor=world.staff_a1)
        report = report_transition(report=report, action="accept", actor=world.property_a1)
        report = report_transition(report=report, action="resolve", actor=world.property_a1, note="fixed")
        report_transition(report=report, action="rate", satisfaction="unsatisfied", solved=False, note="no")
    with (
        time_machine.travel(timezone.now() + timedelta(days=30)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        supervise_deadlines()
    return Report.objects.get(pk=report.pk)


def own_words(text: str, report: Report) -> str:
    """The text without what is not the portal's own: the place's name and the resident's words."""
    return text.replace(place_label(report.place), "").replace(WORDS, "")


def test_no_notice_of_a_report_is_in_chinese_on_an_english_site(walked, world):
    notices = list(Notification.objects.values_list("title", "body"))

    assert len(notices) >= 6  # staff told of the dispatch, the reopening and the deadlines missed
    assert [text for pair in notices for text in pair if CJK.search(own_words(text, walked))] == []
    assert any("Stairwell light out" in title for title, _ in notices)


def test_no_text_message_or_email_of_a_report_is_in_chinese_on_an_english_site(walked, mailoutbox):
    texts = list(TextMessage.objects.values_list("text", flat=True)) + [text for _phone, text in sms.outbox]
    mails = [f"{mail.subject}\n{mail.body}" for mail in mailoutbox]

    assert len(texts) >= 3 and mails
    assert [text for text in texts + mails if CJK.search(own_words(text, walked))] == []


def test_on_a_chinese_site_the_same_notices_are_in_chinese(
    world, settings, django_capture_on_commit_callbacks
):
    categories_load()
    unit = Place.objects.filter(path__startswith=world.community_a1.path, kind=PlaceKind.UNIT).first()
    with django_capture_on_commit_callbacks(execute=True):
        report_submit(
            place=unit,
            category=Category.objects.get(code="facility.stair-light"),
            description=WORDS,
            source="qr",
            contact_phone="13800138000",
        )

    assert any("楼道灯不亮" in title for title in Notification.objects.values_list("title", flat=True))
