"""The demo street as its people first see it: seed_demo's printed personas — a resident, a council
member, an organization's leader and volunteer (on a phone) and a street official (at a desk) — sign
in and reach a page of their own with something on it, each resident page passing the axe audit."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings

from apps.access.models import RoleAssignment
from apps.access.roles import Role
from apps.accounts.models import User
from apps.demo.plan import PASSWORD
from apps.demo.selectors import demo_personas
from apps.halls.models import Hall
from apps.places.models import Place

from .audit import assert_resident_page_passes
from .steps import expect, sign_in


@pytest.fixture
def demo_street(tmp_path):
    with override_settings(MEDIA_ROOT=tmp_path):
        call_command("seed_demo", "--small", stdout=StringIO())
        yield


def persona(kind: str, *, within: Place | None = None) -> User:
    """The first persona of a kind seed_demo prints (of those holding it within a place, if given)."""
    people = User.objects.filter(phone__in=[p.phone for p in demo_personas() if p.kind == kind])
    if within is not None:
        people = people.filter(
            role_assignments__role=kind, role_assignments__place__path__startswith=within.path
        )
    return people.order_by("phone").first()


def signed_in(new_page, person: User, path: str, *, desktop: bool = False):
    page = new_page(desktop=desktop)
    page.goto(f"/accounts/login/?next={path}")
    sign_in(page, login=person.phone.as_national, password=PASSWORD)
    return page


def test_the_demo_streets_people_sign_in_and_find_their_own_pages(demo_street, new_page, screenshot):
    busiest = Hall.objects.get(
        street_review=True
    )  # the hall seed_demo fills, whose results the street reviews
    for kind in (Role.RESIDENT, Role.COUNCIL_MEMBER):
        page = signed_in(new_page, persona(kind, within=busiest.place), "/halls/")
        expect(page.get_by_role("heading", name="我的议事厅")).to_be_visible()
        page.get_by_role("link", name=busiest.name).first.click()
        expect(page.locator("main a[href^='/halls/topics/']").first).to_be_visible()
        screenshot(page, f"{kind}-hall")
        assert_resident_page_passes(page)
        page.locator("main a[href^='/halls/topics/']").first.click()
        expect(page.get_by_text("户联署").first).to_be_visible()
        screenshot(page, f"{kind}-topic")
        assert_resident_page_passes(page)

    neighbour = Hall.objects.exclude(pk=busiest.pk).order_by("place__path").first()
    page = signed_in(new_page, persona(Role.RESIDENT, within=neighbour.place), f"/halls/{neighbour.pk}/")
    expect(page.locator("main a[href^='/halls/topics/']").first).to_be_visible()
    screenshot(page, "resident-of-another-community-hall")
    assert_resident_page_passes(page)

    leader = persona(Role.ORGANIZATION_LEADER)
    led = RoleAssignment.objects.filter(user=leader, role=Role.ORGANIZATION_LEADER).first().organization
    page = signed_in(new_page, leader, f"/organizations/{led.pk}/")
    expect(page.get_by_role("heading", name=led.name, level=1)).to_be_visible()
    expect(page.get_by_text("您是本组织的负责人。")).to_be_visible()
    screenshot(page, "leader-organization")
    assert_resident_page_passes(page)

    page = signed_in(new_page, persona(Role.ORGANIZATION_VOLUNTEER), "/organizations/me/")
    expect(page.get_by_role("heading", name="我的志愿记录")).to_be_visible()
    expect(page.get_by_text("小时").first).to_be_visible()
    screenshot(page, "volunteer-record")
    assert_resident_page_passes(page)

    page = signed_in(new_page, persona(Role.STREET_OFFICIAL), "/oversight/", desktop=True)
    expect(page.get_by_role("heading", name="街道监督", exact=False).first).to_be_visible()
    expect(page.locator("main table").first).to_be_visible()
    screenshot(page, "official-dashboard")
