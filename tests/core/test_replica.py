"""Without DATABASE_REPLICA_URL nothing changes; the pin that sends a writer to the primary is signed
and lasts REPLICA_PIN_SECONDS. Reads on a real replica: tests/replica (marker `replica`)."""

from datetime import timedelta

import time_machine
from django.conf import settings
from django.db import connections
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from apps.core.replica import PIN_COOKIE, ReplicaRouter, pinned, replica_reads


def request_with_pin(value: str | None = None):
    request = RequestFactory().get("/")
    if value is None:
        response = HttpResponse()
        response.set_signed_cookie(PIN_COOKIE, "1", salt=PIN_COOKIE)
        value = response.cookies[PIN_COOKIE].value
    request.COOKIES[PIN_COOKIE] = value
    return request


def test_without_a_replica_no_router_is_installed_and_reads_stay_on_the_primary(world):
    assert "replica" not in settings.DATABASES
    assert getattr(settings, "DATABASE_ROUTERS", []) == []
    with replica_reads(RequestFactory().get("/")):
        assert ReplicaRouter().db_for_read(None) == "default"
        assert list(connections) == ["default"]


def test_without_a_replica_a_post_pins_no_one(client, world):
    client.force_login(world.official_a)
    response = client.post(reverse("oversight:topics"))
    assert PIN_COOKIE not in response.cookies


def test_a_pin_holds_for_its_seconds_then_lapses():
    request = request_with_pin()
    assert pinned(request)
    with time_machine.travel(timezone.now() + timedelta(seconds=settings.REPLICA_PIN_SECONDS + 1)):
        assert not pinned(request)


def test_a_forged_pin_pins_no_one():
    assert not pinned(request_with_pin("1"))
    assert not pinned(RequestFactory().get("/"))
