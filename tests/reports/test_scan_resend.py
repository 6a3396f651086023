"""A form sent again with its submission key (a double tap, a retry) is not a new report to limit."""

import uuid

import pytest
from django.core.cache import cache
from django.urls import reverse

from apps.reports.models import Report


@pytest.fixture
def one_report_an_hour(settings):
    settings.REPORT_RATE_PER_ADDRESS = "1/h"
    cache.clear()


def send(client, board, category, key):
    data = {"submission_key": str(key), "category": category.pk, "description": "楼道灯不亮，晚上很黑"}
    return client.post(reverse("reports:scan", args=[board.token]), data)


def test_a_form_sent_again_leads_to_its_report_past_the_rate_limit(
    client, board, categories, one_report_an_hour
):
    key = uuid.uuid4()
    first = send(client, board, categories["lamp"], key)
    again = send(client, board, categories["lamp"], key)
    assert (first.status_code, again.status_code) == (302, 302)
    assert again["Location"] == first["Location"]
    assert Report.objects.count() == 1


def test_a_new_form_past_the_rate_limit_is_still_refused(client, board, categories, one_report_an_hour):
    send(client, board, categories["lamp"], uuid.uuid4())
    assert send(client, board, categories["lamp"], uuid.uuid4()).status_code == 429
    assert Report.objects.count() == 1
