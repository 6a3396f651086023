"""What every scoping test checks, whatever the model: the predicate and its queryset twin agree on
every object for every persona, and what lies below a place, computed without the code under test."""

from apps.access.permissions import PERMISSION_ROLES
from apps.access.visibility import anchor_paths, permits, visible_to


def world_personas(world) -> list:
    """The `world` fixture's people with a role somewhere, and one with none."""
    return [
        world.staff_a1,
        world.staff_a2,
        world.staff_b1,
        world.official_a,
        world.property_a1,
        world.department_staff_a,
        world.department_staff_b,
        world.outsider,
    ]


def objects_below(model, place) -> list:
    """Every object of `model` anchored below `place`."""
    return [obj for obj in model.objects.all() if any(p.startswith(place.path) for p in anchor_paths(obj))]


def assert_twin_agrees(model, people) -> None:
    """For each permission the table names on `model`: `visible_to` lists exactly what `permits`."""
    suffix, app = "_" + model._meta.model_name, model._meta.app_label + "."
    perms = [p for p in PERMISSION_ROLES if p.startswith(app) and p.endswith(suffix)]
    assert perms, f"the permission table names no permission of {model.__name__}"
    assert_twin_agrees_on(model, perms, people)


def assert_twin_agrees_on(model, perms, people) -> None:
    """`visible_to` lists exactly the objects of `model` that `permits` allows, for each permission."""
    for person in people:
        for perm in perms:
            visible = set(visible_to(person, model.objects.all(), perm=perm).values_list("pk", flat=True))
            permitted = {obj.pk for obj in model.objects.all() if permits(person, perm, obj)}
            assert visible == permitted, (person, perm)
