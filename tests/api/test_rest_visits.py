"""回访 through the REST API: staff record a return visit on a resolved report with the same answers as
the admin's form, through the same service and permission; the transitions list says where each step
is taken, so a visit is never posted where it cannot be."""

import pytest

from apps.reports.lifecycle import Status
from apps.reports.models import Report, ReturnVisit
from apps.reports.services import report_transition

from .conftest import reported, signed_in

ANSWERS = {"channel": "phone", "satisfaction": "satisfied", "solved": True, "note": "居民说灯亮了"}


@pytest.fixture
def resolved(world, boards, categories):
    report = reported(boards[world.community_a1.pk], categories["lamp"])
    report_transition(report=report, action="accept", actor=world.property_a1)
    return report_transition(report=report, action="resolve", actor=world.property_a1, note="已更换灯泡")


def visit(person, report, answers=ANSWERS):
    return signed_in(person).post(f"/api/v1/reports/{report.tracking_number}/visit/", answers, format="json")


def test_community_staff_record_a_visit_which_rates_the_report(world, resolved):
    response = visit(world.staff_a1, resolved)

    assert response.status_code == 201 and response.json()["status"] == "rated"
    resolved.refresh_from_db()
    assert (resolved.rated_by, resolved.satisfaction, resolved.solved) == ("phone", "satisfied", True)
    kept = ReturnVisit.objects.get(report=resolved)
    assert (kept.by, kept.channel, kept.note) == (world.staff_a1, "phone", "居民说灯亮了")


def test_an_unsatisfied_visit_reopens_the_report(world, resolved):
    response = visit(world.official_a, resolved, {**ANSWERS, "satisfaction": "unsatisfied", "solved": False})

    assert response.status_code == 201 and response.json()["status"] == Status.REOPENED


def test_answers_the_admin_form_would_refuse_are_refused_by_field(world, resolved):
    response = visit(world.staff_a1, resolved, {"channel": "letter", "satisfaction": "great"})

    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"channel", "satisfaction", "solved"}
    assert not ReturnVisit.objects.exists()


def test_a_visit_on_an_open_report_is_a_conflict(world, boards, categories):
    report = reported(boards[world.community_a1.pk], categories["lamp"])

    response = visit(world.staff_a1, report)

    assert response.status_code == 409 and "回访" in response.json()["message"]
    assert not ReturnVisit.objects.exists()


def test_a_second_visit_is_a_conflict_and_one_visit_is_kept(world, resolved):
    assert visit(world.staff_a1, resolved).status_code == 201

    response = visit(world.staff_a1, resolved)

    assert response.status_code == 409
    assert ReturnVisit.objects.filter(report=resolved).count() == 1


def test_the_handler_may_not_visit_and_changes_nothing(world, resolved):
    response = visit(world.property_a1, resolved)

    assert response.status_code == 403
    assert Report.objects.get(pk=resolved.pk).status == Status.RESOLVED


def test_staff_of_another_community_find_no_report_to_visit(world, resolved):
    assert visit(world.staff_b1, resolved).status_code == 404
    assert Report.objects.get(pk=resolved.pk).status == Status.RESOLVED


def test_the_steps_offered_say_where_each_is_taken(world, resolved):
    url = f"/api/v1/reports/{resolved.tracking_number}/transitions/"
    options = {o["action"]: o["url"] for o in signed_in(world.staff_a1).get(url).json()}

    assert options["visit"] == f"/api/v1/reports/{resolved.tracking_number}/visit/"
    assert options["review"] == url


def test_the_transitions_endpoint_refuses_a_visit_and_names_the_choices(world, resolved):
    url = f"/api/v1/reports/{resolved.tracking_number}/transitions/"

    response = signed_in(world.staff_a1).post(url, {"action": "visit"}, format="json")

    assert response.status_code == 400 and "action" in response.json()["fields"]
    assert Report.objects.get(pk=resolved.pk).status == Status.RESOLVED
