"""The admin's sidebar and its permission questions, answered from what a person's roles hold: the same
answers as the table gives one grant at a time, and the same list of models as Django's admin builds."""

import pytest
from django.contrib import admin
from django.contrib.admin import AdminSite
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from apps.access.permissions import PERMISSION_ROLES, grants_of
from apps.access.roles import Role
from apps.access.scopes import scopes_of
from apps.access.services import role_grant
from apps.access.visibility import permits
from tests.factories import person_with_role

PERSONAS = ["staff_a1", "official_a", "property_a1", "department_staff_a", "outsider"]


def as_request(user, path="/admin/"):
    request = RequestFactory().get(path)
    request.user = user
    return request


def shown(app_list) -> list:
    """The list as a template reads it: names as text."""
    return [
        {**app, "name": str(app["name"]), "models": [{**m, "name": str(m["name"])} for m in app["models"]]}
        for app in app_list
    ]


@pytest.mark.parametrize("persona", PERSONAS)
def test_permissions_without_an_object_are_those_the_grants_of_the_persons_roles_give(world, persona):
    user = getattr(world, persona)
    roles = scopes_of(user).roles()
    for perm in PERMISSION_ROLES:
        expected = any(grant.public or grant.roles & roles for grant in grants_of(perm))
        assert permits(user, perm) is expected, perm


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_app_list_is_the_one_djangos_admin_builds(world, persona):
    for language in ["zh-hans", "en"]:
        for path in ["/admin/", "/admin/places/place/?parent=1"]:  # the place admin's add link asks the query
            request = as_request(getattr(world, persona), path)
            with translation.override(language):
                ours, django = admin.site.get_app_list(request), AdminSite.get_app_list(admin.site, request)
                assert shown(ours) == shown(django)
                ours = admin.site.get_app_list(request, "reports")
                assert shown(ours) == shown(AdminSite.get_app_list(admin.site, request, "reports"))


def test_a_role_granted_shows_its_models_on_the_next_page(world):
    person = person_with_role(Role.RESIDENT, place=world.households(world.community_a1)[0])
    before = {m["object_name"] for app in admin.site.get_app_list(as_request(person)) for m in app["models"]}
    role_grant(user=person, role=Role.COMMUNITY_STAFF, place=world.community_a1)
    again = type(person).objects.get(pk=person.pk)  # the next request reads the person and their roles
    after = {m["object_name"] for app in admin.site.get_app_list(as_request(again)) for m in app["models"]}
    assert "Report" not in before and "Report" in after


def test_a_superuser_is_answered_yes_and_an_inactive_person_no(world):
    world.staff_a1.is_superuser = True
    assert permits(world.staff_a1, "reports.add_category")
    world.official_a.is_active = False
    assert not permits(world.official_a, "reports.view_report")


def test_the_sidebar_kept_for_one_list_is_never_shown_with_another(client, world):
    """Community staff and property staff see different lists; each page's sidebar is its person's."""
    queue = reverse("admin:reports_report_changelist")
    lists = []
    for person in (world.staff_a1, world.property_a1, world.staff_a1, world.property_a1):
        client.force_login(person)
        page = client.get(queue).content.decode()
        request = as_request(person, queue)
        app_list = admin.site.get_app_list(request)
        context = {"app_list": app_list, "show_changelinks": False, "request": request}
        assert render_to_string("admin/app_list.html", context) in page
        assert 'class="model-report current-model"' in page
        lists.append(shown(app_list))
    assert lists[0] != lists[1]
