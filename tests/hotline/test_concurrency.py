"""The same city order sent several times at the same moment enters the queue once (PostgreSQL)."""

import pytest
from django.db import connection

from apps.hotline.models import CityOrder
from apps.hotline.services import city_order_receive
from apps.reports.models import Report
from tests.concurrency import all_at_once

from .conftest import values

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL's concurrent transactions"
)


def test_one_order_sent_six_times_at_once_is_one_order_and_one_report(transactional_db, world, categories):
    order = values(world, categories)

    def send(_sender):
        return city_order_receive(values=order)[1]

    outcomes = all_at_once(range(6), send)
    assert sorted(outcomes) == ["created"] + ["unchanged"] * 5
    assert (CityOrder.objects.count(), Report.objects.count()) == (1, 1)
