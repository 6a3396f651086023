"""The OpenAPI 3 schema validates, and the docs page lists the operations without any script."""

import pytest
import yaml
from drf_spectacular.validation import validate_schema


def test_the_schema_is_valid_openapi(client, db):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    validate_schema(schema)
    assert "/api/v1/reports/{tracking_number}/transitions/" in schema["paths"]


def test_the_schema_names_token_and_session_authentication(client, db):
    schemes = yaml.safe_load(client.get("/api/schema/").content)["components"]["securitySchemes"]
    assert {"tokenAuth", "cookieAuth"} <= set(schemes)


def test_the_docs_page_lists_the_operations(client, db):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    assert b"/api/v1/reports/" in response.content and b"<script" not in response.content


def test_the_schema_passes_openapi_spec_validator(client, db):
    validator = pytest.importorskip("openapi_spec_validator")
    validator.validate(yaml.safe_load(client.get("/api/schema/").content))
