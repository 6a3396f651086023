"""The roles a person can hold, and the kind of scope each one is granted on."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.places.models import PlaceKind


class Role(models.TextChoices):
    RESIDENT = "resident", _("Resident")
    BUILDING_HEAD = "building_head", _("Building head")
    GRID_WORKER = "grid_worker", _("Grid worker")
    INSPECTOR = "inspector", _("Inspection team")
    PROPERTY_STAFF = "property_staff", _("Property-company staff")
    DEPARTMENT_STAFF = "department_staff", _("Department staff")
    COMMUNITY_STAFF = "community_staff", _("Community staff")
    COUNCIL_MEMBER = "council_member", _("Council member")
    ORGANIZATION_LEADER = "organization_leader", _("Organization leader")
    ORGANIZATION_MEMBER = "organization_member", _("Organization member")
    ORGANIZATION_VOLUNTEER = "organization_volunteer", _("Organization volunteer")
    STREET_OFFICIAL = "street_official", _("Street official")
    DISTRICT_OFFICIAL = "district_official", _("District official")


# Not a role one is granted: a person whose residency claim awaits verification holds it on the
# claimed household (access.scopes), so the table can let them read what residents read.
APPLICANT = "applicant"

MANAGEMENT_UNIT = "management_unit"
ORGANIZATION = "organization"
DEPARTMENT = "department"

# Where each role may be granted: kinds of place, a property-management unit, a department, or an
# organization.
GRANTABLE_ON: dict[Role, frozenset[str]] = {
    Role.RESIDENT: frozenset({PlaceKind.HOUSEHOLD}),
    Role.BUILDING_HEAD: frozenset({PlaceKind.BUILDING, PlaceKind.UNIT}),
    Role.GRID_WORKER: frozenset({PlaceKind.COMMUNITY, PlaceKind.COMPOUND, PlaceKind.BUILDING}),
    Role.INSPECTOR: frozenset({PlaceKind.STREET, PlaceKind.COMMUNITY}),
    Role.PROPERTY_STAFF: frozenset({MANAGEMENT_UNIT}),
    Role.DEPARTMENT_STAFF: frozenset({DEPARTMENT}),
    Role.COMMUNITY_STAFF: frozenset({PlaceKind.COMMUNITY}),
    Role.COUNCIL_MEMBER: frozenset({PlaceKind.COMMUNITY, PlaceKind.COMPOUND}),
    Role.ORGANIZATION_LEADER: frozenset({ORGANIZATION}),
    Role.ORGANIZATION_MEMBER: frozenset({ORGANIZATION}),
    Role.ORGANIZATION_VOLUNTEER: frozenset({ORGANIZATION}),
    Role.STREET_OFFICIAL: frozenset({PlaceKind.STREET}),
    Role.DISTRICT_OFFICIAL: frozenset({PlaceKind.DISTRICT}),
}

# The roles held in an organization, the leader's first.
ORGANIZATION_ROLES = (Role.ORGANIZATION_LEADER, Role.ORGANIZATION_MEMBER, Role.ORGANIZATION_VOLUNTEER)

# Roles that work in the Django admin.
ADMIN_ROLES = frozenset(
    {
        Role.PROPERTY_STAFF,
        Role.DEPARTMENT_STAFF,
        Role.COMMUNITY_STAFF,
        Role.STREET_OFFICIAL,
        Role.DISTRICT_OFFICIAL,
    }
)
OFFICIALS = frozenset({Role.STREET_OFFICIAL, Role.DISTRICT_OFFICIAL})
GOVERNMENT = OFFICIALS | {Role.COMMUNITY_STAFF}

# How a role signs the steps it records on a report's timeline, as residents are told (the values of
# reports.ActorKind): a person holding several speaks with the first of theirs in this order; a role
# not listed speaks as a resident.
PUBLIC_VOICES: dict[Role, str] = {
    Role.STREET_OFFICIAL: "street",
    Role.DISTRICT_OFFICIAL: "street",
    Role.COMMUNITY_STAFF: "community",
    Role.DEPARTMENT_STAFF: "street",
    Role.PROPERTY_STAFF: "property",
    Role.GRID_WORKER: "grid_worker",
    Role.BUILDING_HEAD: "building_head",
}
