"""The shared admin base scopes what every admin shows by id and in its filters, and asks the
permission again on every save."""

import pytest
from django.contrib import admin
from django.contrib.admin.filters import RelatedFieldListFilter
from django.test import RequestFactory
from django.urls import reverse

from apps.access.admin import ScopedAdminMixin
from apps.access.roles import Role
from apps.access.services import role_grant
from apps.access.visibility import visible_to
from apps.reports.models import Board
from tests.factories import add, management_unit


def related_fields(model_admin):
    """The relations an admin lets a person name by id: raw-id and autocomplete fields."""
    names = [*model_admin.raw_id_fields, *model_admin.autocomplete_fields]
    return [model_admin.model._meta.get_field(name) for name in names]


def anchored(model) -> bool:
    return hasattr(model, "access_anchors")


def as_request(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def test_a_raw_id_lookup_of_a_person_of_another_community_shows_no_name(client, world):
    client.force_login(world.staff_a1)
    url = reverse("admin:halls_householdrepresentative_add")
    own, foreign, missing = (
        client.get(url, {"user": pk}) for pk in (world.staff_a1.pk, world.staff_b1.pk, 999999)
    )
    assert world.staff_a1.display_name in own.content.decode()  # the lookup works within scope
    assert world.staff_b1.display_name not in foreign.content.decode()
    assert _user_widget(foreign, world.staff_b1.pk) == _user_widget(
        missing, 999999
    )  # forbidden reads as missing


def _user_widget(response, user_id) -> str:
    return str(response.context["adminform"].form["user"]).replace(str(user_id), "ID")


@pytest.fixture
def second_unit(world):
    """A second compound of community a1 served by another company: two companies to filter by."""
    return management_unit(world.street_a, [add(world.community_a1, "甲1二小区")], "甲一第二单元")


def test_the_management_unit_company_filter_offers_only_companies_in_scope(client, world, second_unit):
    client.force_login(world.staff_a1)
    response = client.get(reverse("admin:places_managementunit_changelist"))
    (spec,) = [s for s in response.context["cl"].filter_specs if isinstance(s, RelatedFieldListFilter)]
    names = {name for _pk, name in spec.lookup_choices}
    assert names == {world.unit_a1.company.name, second_unit.company.name}
    assert world.unit_b1.company.name not in response.content.decode()


@pytest.fixture
def board_and_places(world):
    """staff_a1 lives in community b1, so its household is among the places they may see."""
    home = world.households(world.community_b1)[0]
    role_grant(user=world.staff_a1, role=Role.RESIDENT, place=home)
    own_unit = world.households(world.community_a1)[0]
    board = Board.objects.create(place=own_unit)
    return board, own_unit, home


def move_board(client, board, place):
    url = reverse("admin:reports_board_change", args=[board.pk])
    printed = {"created_at_0": "2025-05-01", "created_at_1": "09:00:00"}
    return client.post(url, {"place": place.pk, "spot": "gate", **printed})


def test_a_save_within_scope_is_kept(client, world, board_and_places):
    board, own_unit, _home = board_and_places
    client.force_login(world.staff_a1)
    assert move_board(client, board, own_unit).status_code == 302
    board.refresh_from_db()
    assert board.spot == "gate"


def test_a_save_that_carries_an_object_out_of_scope_answers_403_and_changes_nothing(
    client, world, board_and_places
):
    board, own_unit, home = board_and_places
    client.force_login(world.staff_a1)
    assert move_board(client, board, home).status_code == 403
    board.refresh_from_db()
    assert (board.place, board.spot) == (own_unit, "unit_door")


def test_every_admin_that_names_scoped_objects_is_scoped(world):
    """Across admin.site: an admin whose model, raw-id or autocomplete fields or relation filters
    reach scoped objects is built on the scoped base, or is shut to staff altogether."""
    staff = [world.staff_a1, world.official_a, world.property_a1]
    for model, model_admin in admin.site._registry.items():
        relations = [f.related_model for f in related_fields(model_admin)]
        relations += [
            f.related_model
            for f in model._meta.get_fields()
            if f.is_relation and f.name in _filters(model_admin)
        ]
        if isinstance(model_admin, ScopedAdminMixin) or not (
            anchored(model) or any(map(anchored, relations))
        ):
            continue
        for person in staff:
            assert not model_admin.has_view_permission(as_request(person)), (model, person)


def _filters(model_admin) -> set[str]:
    return {spec.split("__")[0] for spec in model_admin.list_filter if isinstance(spec, str)}


def test_every_raw_id_and_autocomplete_field_names_only_visible_objects(world):
    request = as_request(world.staff_a1)
    checked = 0
    for model_admin in admin.site._registry.values():
        if not isinstance(model_admin, ScopedAdminMixin):
            continue
        for db_field in related_fields(model_admin):
            related = db_field.related_model
            visible = visible_to(world.staff_a1, related._default_manager.all())
            hidden = related._default_manager.exclude(pk__in=visible.values("pk")).first()
            assert hidden is not None, db_field  # the world holds something out of reach
            field = model_admin.formfield_for_dbfield(db_field, request)
            assert not field.queryset.filter(pk=hidden.pk).exists(), db_field
            widget = getattr(field.widget, "widget", field.widget)
            if hasattr(widget, "label_and_url_for_value"):
                assert widget.label_and_url_for_value(hidden.pk) == ("", ""), db_field
            checked += 1
    assert checked >= 5  # role assignments, boards, compounds of units, representatives


def test_every_relation_filter_offers_only_visible_objects(client, world, second_unit):
    checked = 0
    for person in (world.staff_a1, world.official_a, world.property_a1):
        client.force_login(person)
        for model, model_admin in admin.site._registry.items():
            if not model_admin.has_view_permission(as_request(person)):
                continue
            info = (model._meta.app_label, model._meta.model_name)
            response = client.get(reverse("admin:{}_{}_changelist".format(*info)))
            for spec in response.context["cl"].filter_specs:
                if not isinstance(spec, RelatedFieldListFilter) or not anchored(spec.field.related_model):
                    continue
                related = spec.field.related_model
                visible = set(visible_to(person, related._default_manager.all()).values_list("pk", flat=True))
                assert {pk for pk, _name in spec.lookup_choices} <= visible, (model, person)
                checked += 1
    assert checked >= 1
