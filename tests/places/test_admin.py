import pytest
from django.urls import reverse

from apps.places.models import Place, PlaceKind
from tests.factories import add


@pytest.mark.parametrize("extra_units", [0, 40])
def test_the_admin_place_list_query_count_does_not_grow_with_the_tree(
    client, world, django_assert_max_num_queries, extra_units
):
    building = Place.objects.filter(path__startswith=world.community_a1.path, kind=PlaceKind.BUILDING).first()
    for n in range(extra_units):
        unit = add(building, f"{n + 2}单元")
        add(unit, "101室", floor_area="70.00")
    client.force_login(world.staff_a1)
    with django_assert_max_num_queries(9):
        response = client.get(reverse("admin:places_place_changelist"))
    assert response.status_code == 200
    assert len(response.context["cl"].result_list) == min(100, 6 + 2 * extra_units)


def test_staff_add_a_building_below_their_compound_from_the_admin(client, world):
    compound = Place.objects.filter(path__startswith=world.community_a1.path, kind=PlaceKind.COMPOUND).get()
    client.force_login(world.staff_a1)
    url = reverse("admin:places_place_add") + f"?parent={compound.pk}"
    response = client.post(
        url, {"name": "9号楼", "code": "", "latitude": "", "longitude": "", "floor_area": "", "phone": ""}
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    building = Place.objects.get(name="9号楼")
    assert (building.kind, Place.objects.get_parent(building)) == ("building", compound)


def test_staff_cannot_add_below_a_place_of_another_community(client, world):
    compound = Place.objects.filter(path__startswith=world.community_b1.path, kind=PlaceKind.COMPOUND).get()
    client.force_login(world.staff_a1)
    url = reverse("admin:places_place_add") + f"?parent={compound.pk}"
    response = client.post(url, {"name": "别人的楼"})
    assert response.status_code == 404
    assert not Place.objects.filter(name="别人的楼").exists()
