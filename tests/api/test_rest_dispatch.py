"""派单 through the REST API: the same choices, service and permission as the admin's dispatch page;
the report's last step read with the choices is sent back, so of two dispatchers only the first wins."""

import pytest

from apps.reports.models import Report

from .conftest import reported, signed_in


@pytest.fixture
def report(world, boards, categories):
    return reported(boards[world.community_a1.pk], categories["lamp"])


def url(report) -> str:
    return f"/api/v1/reports/{report.tracking_number}/dispatch/"


def test_the_choices_are_the_handlers_serving_the_place_with_the_last_step(world, report):
    options = signed_in(world.staff_a1).get(url(report)).json()

    keys = {choice["key"] for choice in options["choices"]}
    assert {"community", f"department:{world.department_a.pk}"} <= keys
    assert f"department:{world.department_b.pk}" not in keys
    assert options["suggested"] in keys
    assert options["seen_event"] == report.events.latest("pk").pk


def test_community_staff_dispatch_to_a_department_of_their_street(world, report):
    client = signed_in(world.staff_a1)
    seen = client.get(url(report)).json()["seen_event"]

    response = client.post(
        url(report),
        {
            "handler": f"department:{world.department_a.pk}",
            "seen_event": seen,
            "note": "占道经营",
            "urgent": True,
        },
        format="json",
    )

    assert response.status_code == 200 and response.json()["status"] == "dispatched"
    report.refresh_from_db()
    assert (report.department, report.handler_kind, report.urgent) == (world.department_a, "street", True)


def test_a_report_changed_since_it_was_read_is_a_conflict(world, report):
    client = signed_in(world.staff_a1)
    seen = client.get(url(report)).json()["seen_event"]
    client.post(url(report), {"handler": "community", "seen_event": seen}, format="json")

    late = client.post(
        url(report), {"handler": f"department:{world.department_a.pk}", "seen_event": seen}, format="json"
    )

    assert late.status_code == 409 and late.json()["message"]
    report.refresh_from_db()
    assert report.department is None and report.handler_kind == "community"


def test_another_streets_department_is_refused_by_field(world, report):
    seen = report.events.latest("pk").pk
    response = signed_in(world.staff_a1).post(
        url(report), {"handler": f"department:{world.department_b.pk}", "seen_event": seen}, format="json"
    )

    assert response.status_code == 400 and "handler" in response.json()["fields"]
    assert Report.objects.get(pk=report.pk).department is None


def test_handlers_may_not_dispatch_and_another_community_does_not_find_the_report(world, report):
    seen = report.events.latest("pk").pk
    body = {"handler": "community", "seen_event": seen}
    assert signed_in(world.property_a1).get(url(report)).status_code == 403
    assert signed_in(world.property_a1).post(url(report), body, format="json").status_code == 403
    assert signed_in(world.staff_b1).post(url(report), body, format="json").status_code == 404
    assert report.events.latest("pk").pk == seen


def test_the_transitions_endpoint_sends_dispatch_to_its_own_url(world, report):
    client = signed_in(world.staff_a1)
    steps = {
        step["action"]: step["url"]
        for step in client.get(f"/api/v1/reports/{report.tracking_number}/transitions/").json()
    }

    assert steps["dispatch"] == url(report)
    refused = client.post(
        f"/api/v1/reports/{report.tracking_number}/transitions/", {"action": "dispatch"}, format="json"
    )
    assert refused.status_code == 400
