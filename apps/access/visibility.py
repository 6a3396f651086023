"""
The predicate and its queryset twin, both derived from PERMISSION_ROLES and the model's anchors.

Each access-controlled model names `access_anchors`: lookups from the model to the Place(s) it
belongs to ("" for a Place itself). A permission applies to an object when the person holds one
of the permission's roles on a place within the grant's reach of one of those places (an
ancestor-or-self for `Reach.BELOW`, a descendant-or-self for `Reach.ABOVE`) — or, for a model naming
`access_organization` (the lookup to its organization, "pk" for an organization itself), one of
those roles on that organization or a federation grouping it; for a model naming `access_department`
(lookups to the departments it is assigned to), one of those roles on one of those departments.
`permits` answers for one object; `visible_to` filters a queryset with the same rule, in SQL.
"""

import functools

from django.db import models
from django.db.models import Q, QuerySet
from django.http import Http404

from apps.places.models import Place

from .permissions import OWNER_PERMISSIONS, PERMISSION_ROLES, Reach, grants_of
from .scopes import scopes_of


def view_permission(model) -> str:
    return f"{model._meta.app_label}.view_{model._meta.model_name}"


def permits(user, perm: str, obj=None) -> bool:
    if obj is None:
        return _permits_somewhere(user, perm)
    grants = grants_of(perm)
    if any(grant.public and _meets(obj, grant.requirement) for grant in grants):
        return True
    if not getattr(user, "is_active", False):
        return False
    if user.is_superuser:
        return True
    scopes = scopes_of(user)
    if perm in OWNER_PERMISSIONS and _owner_id(obj) == user.pk:
        return True
    paths = anchor_paths(obj)
    units = _unit_lookups(type(obj))
    followed: dict[str, set] = {}  # each lookup followed once, whichever grants ask it

    def ids_through(lookups: tuple[str, ...]) -> set:
        for lookup in lookups:
            if lookup not in followed:
                followed[lookup] = _unit_ids(obj, (lookup,))
        return set().union(*(followed[lookup] for lookup in lookups))

    return any(
        _meets(obj, grant.requirement)
        and (
            any(
                _within(path, held, grant.reach)
                for path in paths
                for held in scopes.all_paths_for(grant.roles)
            )
            or any(
                (held := getattr(scopes, scope)(grant.roles)) and ids_through(_through(grant, lookups)) & held
                for scope, lookups in units
            )
        )
        for grant in grants
    )


def _permits_somewhere(user, perm: str) -> bool:
    """Whether the person holds the permission on anything: the admin asks it of every model on
    every page, so it is read from the set of what the person's roles hold."""
    if perm in _public_permissions():
        return True
    if not getattr(user, "is_active", False):
        return False
    return user.is_superuser or perm in permissions_of_roles(scopes_of(user).roles())


@functools.cache
def _public_permissions() -> frozenset[str]:
    return frozenset(perm for perm in PERMISSION_ROLES if any(grant.public for grant in grants_of(perm)))


@functools.cache
def permissions_of_roles(roles: frozenset[str]) -> frozenset[str]:
    """The permissions of the table that any of `roles` holds somewhere."""
    return frozenset(
        perm for perm in PERMISSION_ROLES if any(grant.roles & roles for grant in grants_of(perm))
    )


def _through(grant, lookups: tuple[str, ...]) -> tuple[str, ...]:
    """The lookups a grant reaches through: those it names in `via`, or all of the model's."""
    return tuple(lookup for lookup in lookups if not grant.via or lookup in grant.via)


def _within(path: str, held: str, reach: Reach) -> bool:
    """Whether a place (`path`) lies within the reach of a role held on the place `held`."""
    below, above = path.startswith(held), held.startswith(path)
    return {Reach.BELOW: below, Reach.ABOVE: above, Reach.AROUND: below or above}[reach]


def visible_to(user, queryset: QuerySet, *, perm: str | None = None) -> QuerySet:
    """The twin of `permits(user, perm, obj)` for every obj of the queryset."""
    model = queryset.model
    perm = perm or view_permission(model)
    public = Q(pk__in=[])
    for grant in grants_of(perm):
        if grant.public:
            public |= Q(**grant.requirement)
    if not getattr(user, "is_active", False) or not user.is_authenticated:
        return queryset.filter(public)
    if user.is_superuser:
        return queryset
    scopes = scopes_of(user)
    condition = public
    unit_lookups = _unit_lookups(model)
    crossing = any(_to_many(model, lookup) for lookup in model.access_anchors)
    for grant in grants_of(perm):
        if grant.public:
            continue
        reach = _scope_condition(model, scopes, grant)
        for scope, lookups in unit_lookups:
            if held := sorted(getattr(scopes, scope)(grant.roles)):
                for lookup in _through(grant, lookups):
                    reach |= Q(**{f"{lookup}__in": held})
                    crossing = crossing or _to_many(model, lookup)
        condition |= reach & Q(**grant.requirement)
    if perm in OWNER_PERMISSIONS:
        condition |= Q(**{model.access_owner: user.pk})
    if crossing:  # a to-many lookup in the condition: one row per object, through a subquery
        return queryset.filter(pk__in=model._base_manager.filter(condition).values("pk"))
    return queryset.filter(condition)


def outermost_places(user, perm: str) -> tuple[str, ...]:
    """The paths of the outermost places where the person holds one of the permission's roles."""
    roles = frozenset().union(*(grant.roles for grant in grants_of(perm)))
    return scopes_of(user).paths_for(roles)


def get_visible_or_404(user, queryset: QuerySet, *, perm: str | None = None, **lookup):
    """Fetch one object the person may see; missing and forbidden look the same."""
    try:
        return visible_to(user, queryset, perm=perm).get(**lookup)
    except (queryset.model.DoesNotExist, ValueError) as missing:
        raise Http404 from missing


def permitted_or_404(user, obj, *, perm: str):
    """An object its selector read (None when there is none), if the person holds `perm` on it:
    `get_visible_or_404` for a read the ORM does not build on each request. Missing and forbidden
    look the same."""
    if obj is None or not permits(user, perm, obj):
        raise Http404
    return obj


def anchor_paths(obj) -> set[str]:
    paths: set[str] = set()
    for lookup in type(obj).access_anchors:
        if lookup == "":
            paths.add(obj.path)
            continue
        paths.update(place.path for place in _follow(obj, lookup.split("__")))
    return paths


def _follow(obj, parts: list[str]) -> list:
    current = [obj]
    for part in parts:
        following = []
        for item in current:
            value = getattr(item, part, None)
            if isinstance(value, models.Manager):
                following.extend(value.all())
            elif value is not None:
                following.append(value)
        current = following
    return current


def _meets(obj, requirement: dict) -> bool:
    def value_of(lookup: str):
        value = obj
        for part in lookup.split("__"):
            value = getattr(value, part, None)
        return value

    return all(value_of(lookup) == expected for lookup, expected in requirement.items())


# Scopes that are not places: the model's attribute naming its lookups, and the `Scopes` method
# giving the ids a person holds roles on.
UNIT_SCOPES = (("access_organization", "organizations_for"), ("access_department", "departments_for"))


def _unit_lookups(model) -> list[tuple[str, tuple[str, ...]]]:
    """(Scopes method, lookups) for each non-place scope the model names."""
    found = []
    for attribute, scope in UNIT_SCOPES:
        lookups = getattr(model, attribute, None)
        if lookups:
            found.append((scope, (lookups,) if isinstance(lookups, str) else tuple(lookups)))
    return found


def _unit_ids(obj, lookups: tuple[str, ...]) -> set:
    """The ids of the organizations or departments an object belongs to, through its lookups."""
    ids = set()
    for lookup in lookups:
        if lookup == "pk":
            ids.add(obj.pk)
        elif "__" not in lookup:
            ids.add(getattr(obj, f"{lookup}_id", None))
        else:
            *path, last = lookup.split("__")
            ids.update(getattr(item, f"{last}_id", None) for item in _follow(obj, path))
    return ids - {None}


def _owner_id(obj):
    owner_field = getattr(type(obj), "access_owner", None)
    return getattr(obj, f"{owner_field}_id", None) if owner_field else None


def _scope_condition(model, scopes, grant) -> Q:
    """The twin of `_within` for every anchor of the model."""
    below = scopes.paths_for(grant.roles) if grant.reach != Reach.ABOVE else ()
    above = _ancestors(scopes.all_paths_for(grant.roles)) if grant.reach != Reach.BELOW else []
    condition = Q(pk__in=[])
    for lookup in model.access_anchors:
        field = f"{lookup}__path" if lookup else "path"
        for prefix in below:
            condition |= Q(**{f"{field}__startswith": prefix})
        if above:
            condition |= Q(**{f"{field}__in": above})
    return condition


def _ancestors(paths) -> list[str]:
    """The paths of the places at and above each of `paths`."""
    step = Place.steplen
    return sorted({path[:i] for path in paths for i in range(step, len(path) + 1, step)})


def _to_many(model, lookup: str) -> bool:
    """Whether the lookup crosses a to-many relation (and so may match an object more than once)."""
    current = model
    for part in filter(None, lookup.split("__")):
        if part == "pk":
            return False
        field = current._meta.get_field(part)
        if field.many_to_many or field.one_to_many:
            return True
        current = field.related_model
    return False
