"""
The staff queue, in the browser: a queue longer than the list counts says "more than" and still
pages; similar reports are counted on each row and their link lists them together.
"""

from django.contrib import admin
from django.urls import reverse

from apps.core.paginators import CappedPaginator
from apps.places.models import Place, PlaceKind
from apps.reports.models import Report
from apps.reports.services import report_submit
from tests.factories import PASSWORD

from .steps import expect, sign_in


def test_a_long_queue_says_more_than_it_counts_pages_and_groups_similar_reports(
    world, categories, new_page, screenshot, monkeypatch
):
    monkeypatch.setattr(CappedPaginator, "cap", 3)
    monkeypatch.setattr(admin.site._registry[Report], "list_per_page", 2)
    unit = Place.objects.filter(path__startswith=world.community_a1.path, kind=PlaceKind.UNIT).get()
    for text in ("楼道灯不亮", "三楼楼道灯坏了", "灯一直不亮", "楼道灯闪"):
        report_submit(place=unit, category=categories["lamp"], description=text, source="qr")

    staff = new_page(desktop=True)
    staff.goto(reverse("admin:reports_report_changelist"))
    sign_in(staff, login=world.staff_a1.phone.as_national, password=PASSWORD)
    staff.goto(reverse("admin:reports_report_changelist"))
    expect(staff.locator("p.paginator")).to_contain_text("超过 3 条诉求")
    expect(staff.locator("#result_list tbody tr")).to_have_count(2)
    expect(staff.locator("#result_list td.field-similar_count a").first).to_have_text("3")
    screenshot(staff, "queue-more-than")

    staff.locator("p.paginator").get_by_role("link", name="2").click()
    expect(staff.locator("#result_list tbody tr")).to_have_count(1)

    staff.locator("#result_list td.field-similar_count a").first.click()
    expect(staff.locator("p.paginator")).to_contain_text("超过 3 条诉求")
    screenshot(staff, "queue-similar")
