"""A vote reads closed from its closing time on, everywhere, before anything has run; closing
(counting, stamping the result) is the schedule's task, and no page or API read writes."""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from apps.halls.models import Result, Vote
from apps.halls.tasks import close_due_votes
from apps.halls.votes.services import ballot_cast

FOR = 1


def after_close(vote):
    return time_machine.travel(vote.closes_at + timedelta(minutes=1))


def writes(queries) -> list[str]:
    return [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("UPDATE", "INSERT", "DELETE"))]


def test_a_vote_past_its_closing_time_reads_closed_before_any_task_has_run(open_vote, residents):
    vote = open_vote()
    with after_close(vote):
        vote = Vote.objects.get(pk=vote.pk)
        assert (vote.state, vote.get_state_display(), vote.counting) == ("closed", "Closed", True)
        assert list(Vote.objects.in_state("closed")) == [vote]
        assert not Vote.objects.in_state("open").exists()
    assert vote.status == "open" and not Result.objects.exists()


def test_before_its_closing_time_a_vote_reads_open(open_vote, residents):
    vote = open_vote()
    assert (vote.state, vote.counting) == ("open", False)
    assert list(Vote.objects.in_state("open")) == [vote]


def test_the_vote_page_after_close_writes_nothing_and_says_the_result_is_being_counted(
    client, open_vote, residents
):
    vote = open_vote()
    ballot_cast(vote=vote, user=residents[0], choices=[FOR])
    client.force_login(residents[1])
    with after_close(vote), CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("halls:vote", args=[vote.pk]))
    assert response.status_code == 200
    assert writes(queries.captured_queries) == []
    assert "结果正在统计中" in response.content.decode()  # the page speaks the resident's Chinese
    assert response.context["eligibility"] == [] and response.context["result"] is None
    assert Vote.objects.get(pk=vote.pk).status == "open" and not Result.objects.exists()


def test_the_api_after_close_writes_nothing_and_reads_the_vote_closed(open_vote, residents):
    vote = open_vote()
    api = APIClient()
    api.force_authenticate(residents[0])
    with after_close(vote), CaptureQueriesContext(connection) as queries:
        detail = api.get(f"/api/v1/votes/{vote.pk}/", HTTP_ACCEPT_LANGUAGE="en")
        result = api.get(f"/api/v1/votes/{vote.pk}/result/", HTTP_ACCEPT_LANGUAGE="en")
        closed = api.get("/api/v1/votes/?status=closed")
        still_open = api.get("/api/v1/votes/?status=open")
    assert writes(queries.captured_queries) == []
    assert detail.json()["status"] == "closed"
    assert result.status_code == 409 and "being counted" in result.json()["message"]
    assert [v["id"] for v in closed.json()["results"]] == [vote.pk]
    assert still_open.json()["results"] == []


def test_the_admin_lists_a_vote_past_its_closing_time_as_closed(client, world, open_vote, residents):
    vote = open_vote()
    client.force_login(world.staff_a1)
    url = reverse("admin:halls_vote_changelist")
    with after_close(vote):
        closed = client.get(url, {"status__exact": "closed"})
        still_open = client.get(url, {"status__exact": "open"})
    assert list(closed.context["cl"].result_list) == [vote]
    assert list(still_open.context["cl"].result_list) == []


@pytest.mark.django_db(transaction=True)
def test_the_closing_task_counts_each_due_vote_once(open_vote, residents):
    """Eager on SQLite; on PostgreSQL (DATABASE_URL) the same task, in its own transactions."""
    due, later = open_vote(), open_vote(closes_at=open_vote().closes_at + timedelta(days=3))
    ballot_cast(vote=due, user=residents[0], choices=[FOR])
    with after_close(due):
        assert close_due_votes() >= 1
        assert close_due_votes() == 0
    due.refresh_from_db()
    later.refresh_from_db()
    assert (due.status, due.closed_at is not None) == ("closed", True)
    assert Result.objects.get(vote=due).participants == 1
    assert later.status == "open" and not Result.objects.filter(vote=later).exists()
