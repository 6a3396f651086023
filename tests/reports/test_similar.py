from datetime import timedelta

import time_machine
from django.utils import timezone

from apps.places.models import Place, PlaceKind
from apps.reports.models import Report
from apps.reports.selectors import similar_counts, similar_to
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
    counts = similar_counts(list(Report.objects.select_related("place")))
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


def test_a_batch_of_reports_that_are_not_similar_is_refused_whole_with_the_reason(
    client, board, categories, world
):
    from django.urls import reverse

    lamp = report_submit(place=board.place, category=categories["lamp"], description="灯", source="qr")
    noise = report_submit(place=board.place, category=categories["noise"], description="噪音", source="qr")
    client.force_login(world.staff_a1)
    url = reverse("admin:reports_report_batch") + f"?ids={lamp.pk},{noise.pk}"
    response = client.post(url, {"action": "merge", "note": ""})
    assert response.status_code == 200
    assert "只有相似的诉求" in response.content.decode()
    assert set(Report.objects.values_list("status", flat=True)) == {"dispatched"}


def test_a_report_is_merged_only_into_a_similar_one(board, categories, world):
    import pytest
    from django.core.exceptions import ValidationError

    from apps.reports.services import report_transition

    now = timezone.now()
    original = report_submit(place=board.place, category=categories["lamp"], description="灯", source="qr")
    with time_machine.travel(now + timedelta(days=10)):
        much_later = report_submit(
            place=board.place, category=categories["lamp"], description="灯", source="qr"
        )
        with pytest.raises(ValidationError) as refused:
            report_transition(report=much_later, action="merge", actor=world.staff_a1, merged_into=original)
    assert "3" in str(refused.value)
    much_later.refresh_from_db()
    assert much_later.status == "dispatched"


def test_the_counts_of_a_page_agree_with_the_similar_reports_of_each(board, categories, world):
    """Two reports at a unit door, one for the whole compound, one of another category, one long after."""
    compound = Place.objects.get(path=board.place.ancestor_path(PlaceKind.COMPOUND))
    now = timezone.now()
    submit = lambda place, category: report_submit(  # noqa: E731
        place=place, category=categories[category], description="同一个问题", source="qr"
    )
    submit(board.place, "lamp"), submit(board.place, "lamp"), submit(compound, "lamp")
    submit(board.place, "noise")
    with time_machine.travel(now + timedelta(days=10)):
        submit(board.place, "lamp")
    reports = list(Report.objects.select_related("place"))
    expected = {report.pk: similar_to(report).count() for report in reports}
    assert similar_counts(reports) == expected
    assert sorted(expected.values()) == [0, 0, 1, 1, 2]
