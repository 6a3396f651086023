"""The schema and the docs page are generated once per process, so threads serving them at once
(gunicorn's threaded workers) get the same whole document."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.test import Client

from apps.api.rest import schema


@pytest.fixture
def fresh_schema(monkeypatch):
    monkeypatch.setattr(schema, "_built", {})


def test_threads_asking_for_the_schema_at_once_all_get_it_whole(fresh_schema, transactional_db):
    def fetch(_):
        response = Client().get("/api/schema/", HTTP_ACCEPT="application/json")
        return response.status_code, response.content

    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(fetch, range(16)))
    assert {status for status, _ in answers} == {200}
    assert len({body for _, body in answers}) == 1


def test_the_schema_is_generated_once_per_language(fresh_schema, db):
    assert schema.built_schema() is schema.built_schema()
