import pytest
from django.urls import reverse

from apps.core import text_size
from apps.reports.boards import boards_post_for_doors

pytestmark = pytest.mark.django_db


def switch(client, size: str, next_url: str = "/"):
    return client.post(reverse("text_size"), {"size": size, "next": next_url})


def test_the_header_offers_larger_text_to_everyone(client):
    page = client.get(reverse("landing")).content.decode()
    assert 'class="large-text"' not in page
    assert 'name="size" value="large"' in page
    assert reverse("text_size") in page


def test_switching_to_large_text_keeps_the_choice_in_a_cookie_and_returns_to_the_page(client):
    response = switch(client, "large", next_url="/accounts/login/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/"
    cookie = response.cookies[text_size.COOKIE]
    assert cookie.value == "large"
    assert cookie["max-age"] == 365 * 24 * 3600
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"


def test_the_pages_mark_large_text_for_the_stylesheet_and_offer_the_way_back(client):
    switch(client, "large")
    page = client.get(reverse("account_login")).content.decode()
    assert '<html lang="zh-hans" class="large-text">' in page
    assert 'name="size" value="standard"' in page
    assert 'name="size" value="large"' not in page


def test_switching_back_forgets_the_cookie(client):
    switch(client, "large")
    response = switch(client, "standard")
    assert response.cookies[text_size.COOKIE].value == ""
    assert 'class="large-text"' not in client.get(reverse("landing")).content.decode()


def test_a_next_address_on_another_site_returns_to_the_landing_page(client):
    response = switch(client, "large", next_url="https://phishing.example/")
    assert response["Location"] == reverse("landing")
    assert response.cookies[text_size.COOKIE].value == "large"


def test_the_switch_takes_only_a_posted_form(client):
    assert client.get(reverse("text_size"), {"size": "large"}).status_code == 405


def test_the_scan_page_in_large_text_costs_no_more_queries(client, world, django_assert_max_num_queries):
    [board] = boards_post_for_doors(place=world.compound(world.community_a1))
    switch(client, "large")
    client.get(reverse("reports:scan", args=[board.token]))
    with django_assert_max_num_queries(1):
        page = client.get(reverse("reports:scan", args=[board.token])).content.decode()
    assert 'class="large-text"' in page


def test_the_switch_keeps_a_query_string_of_the_page(client):
    response = switch(client, "large", next_url="/organizations/activities/1/check-in/?c=abc123")
    assert response["Location"] == "/organizations/activities/1/check-in/?c=abc123"
