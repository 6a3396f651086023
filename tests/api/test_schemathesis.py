"""Schemathesis against the published schema: no server error, and every response matches the
schema. Slow, so it runs only when asked: `pytest tests/api -m schemathesis`."""

from datetime import timedelta

import pytest
from django.core.wsgi import get_wsgi_application
from django.utils import timezone

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, settings  # noqa: E402
from schemathesis import checks  # noqa: E402

from apps.access.roles import Role  # noqa: E402
from apps.api.services import api_token_issue  # noqa: E402
from apps.halls.meetings.services import meeting_schedule  # noqa: E402
from apps.halls.models import Meeting  # noqa: E402
from apps.halls.services import hall_for  # noqa: E402
from apps.halls.topics.services import topic_raise  # noqa: E402
from apps.halls.votes.services import vote_create, vote_open  # noqa: E402
from apps.organizations.models import Activity, Organization  # noqa: E402
from tests.factories import person_with_role  # noqa: E402

pytestmark = pytest.mark.schemathesis


# Business refusals (an unknown category, a wrong password) are answered 400 by design: the
# positive-data check, which expects every schema-valid body to be accepted, is left out.
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
    checks.response_headers_conformance,
]
schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application())


@pytest.fixture
def token(world, categories, boards):
    """Staff of 甲1 with a report, a hall with a topic, an open vote and a meeting, an organization
    with an activity: every operation has something to find."""
    resident = person_with_role(Role.RESIDENT, place=world.households(world.community_a1)[0])
    hall = hall_for(world.community_a1)
    topic = topic_raise(hall=hall, user=resident, title="补种绿植", body="……")
    now = timezone.now()
    vote = vote_create(
        hall=hall,
        by=world.staff_a1,
        title="更换单元门",
        rule="household",
        opens_at=now,
        closes_at=now + timedelta(days=7),
        topic=topic,
    )
    vote_open(vote=vote, by=world.staff_a1)
    meeting_schedule(
        meeting=Meeting(
            hall=hall,
            title="居民议事会",
            venue="社区活动室",
            starts_at=now + timedelta(days=2),
            ends_at=now + timedelta(days=2, hours=2),
            capacity=10,
        ),
        by=world.staff_a1,
        topics=[topic],
    )
    team = Organization.objects.create(
        name="甲一志愿服务队", place=world.community_a1, category="service", status="active"
    )
    Activity.objects.create(
        organization=team,
        title="楼道清洁",
        venue="活动室",
        starts_at=now + timedelta(days=1),
        ends_at=now + timedelta(days=1, hours=2),
        capacity=5,
    )
    return api_token_issue(user=world.staff_a1)[1]


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_endpoint_fails_or_strays_from_its_schema(case, token):
    case.call_and_validate(headers={"Authorization": f"Token {token}"}, checks=CHECKS)
