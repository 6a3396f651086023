"""Schemathesis against the published schema: no server error, and every response matches the
schema. Slow, so it runs only when asked: `pytest tests/api -m schemathesis`."""

import pytest
from django.core.wsgi import get_wsgi_application

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, settings  # noqa: E402
from schemathesis import checks  # noqa: E402

from apps.api.services import api_token_issue  # noqa: E402

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
    return api_token_issue(user=world.staff_a1)[1]


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_endpoint_fails_or_strays_from_its_schema(case, token):
    case.call_and_validate(headers={"Authorization": f"Token {token}"}, checks=CHECKS)
