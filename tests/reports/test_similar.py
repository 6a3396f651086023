from datetime import timedelta

import time_machine
from django.utils import timezone

from apps.reports.models import Report
from apps.reports.selectors import similar_to, with_similar_count
from apps.reports.services import report_submit


def test_reports_of_one_category_in_one_building_within_days_are_grouped(board, categories, world):
    now = timezone.now()
    submit = lambda category, **kw: report_submit(  # noqa: E731
        place=board.place, category=category, description="同一个问题", source="qr", **kw
    )
    first, second = submit(categories["lamp"]), submit(categories["lamp"])
    other_category = submit(categories["noise"])
    with time_machine.travel(now + timedelta(days=10)):
        much_later = submit(categories["lamp"])
    counts = dict(with_similar_count(Report.objects.all()).values_list("pk", "similar"))
    assert counts[first.pk] == 1 and counts[second.pk] == 1
    assert counts[other_category.pk] == 0 and counts[much_later.pk] == 0
    assert list(similar_to(first)) == [second]


def test_staff_merge_similar_reports_in_one_batch_from_the_admin(client, board, categories, world):
    reports = [
        report_submit(place=board.place, category=categories["lamp"], description=f"灯{n}", source="qr")
        for n in range(3)
    ]
    client.force_login(world.staff_a1)
    from django.urls import reverse

    url = reverse("admin:reports_report_batch") + "?ids=" + ",".join(str(r.pk) for r in reports)
    response = client.post(url, {"action": "merge", "note": ""})
    assert response.status_code == 302
    statuses = dict(Report.objects.values_list("pk", "status"))
    assert statuses[reports[0].pk] == "dispatched"
    assert statuses[reports[1].pk] == statuses[reports[2].pk] == "merged"


def test_a_batch_cannot_reach_reports_of_another_community(client, board, categories, world):
    report = report_submit(place=board.place, category=categories["lamp"], description="灯", source="qr")
    client.force_login(world.staff_b1)
    from django.urls import reverse

    client.post(
        reverse("admin:reports_report_batch") + f"?ids={report.pk}", {"action": "reject", "note": "x"}
    )
    report.refresh_from_db()
    assert report.status == "dispatched"
