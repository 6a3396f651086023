"""
接诉即办 end to end: a city order sent down → dispatched by a person to a street department → its
staff accept and return it → dispatched again → resolved → checked (审核) → called back (回访) →
its result exported back in the hotline's shape, with the city's deadline kept throughout.
"""

from datetime import timedelta

import time_machine
from django.conf import settings
from django.utils import timezone

from apps.hotline.results import results_dataset
from apps.hotline.selectors import orders_sent_between
from apps.hotline.services import OrderValues, city_order_receive
from apps.reports.dispatch import Seen, key_of, report_dispatch
from apps.reports.lifecycle import Status
from apps.reports.models import Report
from apps.reports.routing import Route
from apps.reports.services import report_transition
from apps.reports.visits import report_visit, visits_due


def test_a_city_order_goes_the_whole_way_and_its_result_goes_back(world, categories):
    lamp = categories["lamp"]
    lamp.needs_review = True
    lamp.save(update_fields=["needs_review"])
    household = world.households(world.community_a1)[0]
    sent = timezone.now()
    city_due = sent + timedelta(days=2)
    order, _ = city_order_receive(
        values=OrderValues(
            number="GD2026120600017",
            sent_at=sent,
            place=household,
            category=lamp,
            text="楼道灯坏了一周，晚上看不见台阶。",
            caller_phone="13900001234",
            resolve_due=city_due,
        ),
        by=world.staff_a1,
    )
    report = order.report
    assert report.source == Report.Source.HOTLINE and report.external_reference == "GD2026120600017"
    to_department = key_of(Route("street", department=world.department_a))

    report = report_dispatch(report=report, by=world.staff_a1, handler=to_department, seen=Seen.of(report))
    assert report.department == world.department_a and report.resolve_due == city_due
    handler = world.department_staff_a
    report = report_transition(report=report, action="accept", actor=handler)
    report = report_transition(report=report, action="return", actor=handler, note="属于物业维修范围")
    assert report.status == Status.RETURNED and report.resolve_due == city_due  # the city's deadline stands
    report = report_dispatch(report=report, by=world.staff_a1, handler=to_department, seen=Seen.of(report))
    report = report_transition(report=report, action="accept", actor=handler)
    report = report_transition(report=report, action="resolve", actor=handler, note="已更换楼道灯。")
    report = report_transition(report=report, action="review", actor=world.staff_a1)
    assert report.status == Status.REVIEWED

    later = timezone.now() + timedelta(days=settings.REPORT_RETURN_VISIT_AFTER_DAYS, hours=1)
    with time_machine.travel(later, tick=False):
        assert report in visits_due(Report.objects.all())
        report_visit(report=report, by=world.staff_a1, channel="phone", satisfaction="satisfied", solved=True)
    report.refresh_from_db()
    assert (report.status, report.rated_by) == (Status.RATED, "phone")

    day = timezone.localdate(sent)
    rows = results_dataset(orders_sent_between(world.staff_a1, first=day, last=day)).dict
    assert len(rows) == 1
    number, result, replied_at, handled_by, satisfaction = rows[0].values()
    assert (number, result, handled_by) == ("GD2026120600017", "已更换楼道灯。", "城市管理办公室")
    assert replied_at and satisfaction
    # another street's staff export nothing of it
    assert not orders_sent_between(world.department_staff_b, first=day, last=day).exists()
