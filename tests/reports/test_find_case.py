"""
Finding any case at once: the dispatch desk finds a report by tracking number, city order number, the
phone's last digits or a place's name, among those the person may see, with its whole timeline in one
page, at the same cost in queries however many reports and steps there are.
"""

import pytest
from django.urls import reverse

from apps.reports.finding import reports_found
from apps.reports.services import report_submit, report_transition


@pytest.fixture
def order(world, categories, unit_a1):
    """A city order (12345) at a unit door of 甲1, accepted and returned by the property company."""
    report = report_submit(
        place=unit_a1,
        category=categories["garbage"],
        description="市民来电：垃圾桶满溢",
        source="hotline",
        contact_phone="13912345678",
        external_reference="GD20261206001",
    )
    report_transition(report=report, action="accept", actor=world.property_a1)
    return report_transition(report=report, action="return", actor=world.property_a1, note="非物业管辖")


@pytest.mark.parametrize(
    "term", ["{tracking}", "{tracking_lower}", "GD20261206001", "5678", "12345678", "甲1小区"]
)
def test_the_desk_finds_a_report_by_number_phone_or_place(world, order, term):
    term = term.format(tracking=order.tracking_number, tracking_lower=order.tracking_number.lower())
    assert reports_found(world.staff_a1, term) == [order]
    assert reports_found(world.official_a, term) == [order]


def test_nothing_of_another_community_or_street_is_found(world, order):
    for person in (world.staff_b1, world.staff_a2, world.department_staff_b, world.outsider):
        assert reports_found(person, order.tracking_number) == []
        assert reports_found(person, "GD20261206001") == []


def find_url(term: str) -> str:
    return reverse("admin:reports_report_find") + f"?q={term}"


def test_the_find_page_shows_the_whole_timeline_with_the_masked_phone(client, world, order):
    client.force_login(world.staff_a1)

    page = client.get(find_url("GD20261206001")).content.decode()

    assert order.tracking_number in page
    for step in ("非物业管辖", "退单", "签收"):
        assert step in page
    assert "13912345678" not in page and "5678" in page
    assert reverse("admin:reports_report_dispatch", args=[order.pk]) in page


def test_the_find_page_says_when_nothing_matches(client, world, order):
    client.force_login(world.staff_b1)
    page = client.get(find_url(order.tracking_number))
    assert page.status_code == 200 and order.tracking_number not in page.content.decode().split("<form")[1]
    assert page.context["found"] == []


def test_the_queue_links_to_the_find_page(client, world, order):
    client.force_login(world.staff_a1)
    page = client.get(reverse("admin:reports_report_changelist")).content.decode()
    assert reverse("admin:reports_report_find") in page


def test_the_find_page_costs_the_same_queries_with_more_reports_and_steps(
    client, world, categories, unit_a1, order, django_assert_max_num_queries
):
    client.force_login(world.staff_a1)
    with django_assert_max_num_queries(12) as few:
        client.get(find_url("甲1小区"))
    for n in range(12):
        report = report_submit(
            place=unit_a1, category=categories["lamp"], description=f"灯不亮{n}", source="qr"
        )
        report = report_transition(report=report, action="accept", actor=world.property_a1)
        report_transition(report=report, action="resolve", actor=world.property_a1, note="已修好")
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(find_url("甲1小区"))
    assert len(page.context["found"]) == 10
