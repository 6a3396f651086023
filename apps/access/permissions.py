"""
The one reviewed table: which roles hold each permission, within the scope of their assignment.

A permission applies to an object when the person holds one of its roles on a place the object
is anchored below (see `access_anchors` on each model). Change this table with a review: the
matrix test in tests/access prints what every role may do.
"""

from .roles import GOVERNMENT, OFFICIALS, Role

EVERY_ROLE = frozenset(Role)

PERMISSION_ROLES: dict[str, frozenset[Role]] = {
    # places
    "places.view_place": EVERY_ROLE,
    "places.add_place": GOVERNMENT,
    "places.change_place": GOVERNMENT,
    "places.delete_place": OFFICIALS,
    "places.import_places": GOVERNMENT,
    "places.view_propertycompany": GOVERNMENT | {Role.PROPERTY_STAFF},
    "places.add_propertycompany": OFFICIALS,
    "places.change_propertycompany": OFFICIALS,
    "places.delete_propertycompany": OFFICIALS,
    "places.view_managementunit": GOVERNMENT | {Role.PROPERTY_STAFF, Role.GRID_WORKER},
    "places.add_managementunit": OFFICIALS,
    "places.change_managementunit": OFFICIALS,
    "places.delete_managementunit": OFFICIALS,
    "places.view_managedcompound": GOVERNMENT | {Role.PROPERTY_STAFF},
    "places.add_managedcompound": OFFICIALS,
    "places.change_managedcompound": OFFICIALS,
    "places.delete_managedcompound": OFFICIALS,
    # people
    "accounts.view_user": GOVERNMENT,
    "accounts.view_residency": GOVERNMENT,
    "accounts.change_residency": frozenset({Role.COMMUNITY_STAFF}),
    "accounts.verify_residency": frozenset({Role.COMMUNITY_STAFF}),
    # roles
    "access.view_roleassignment": GOVERNMENT,
    "access.add_roleassignment": GOVERNMENT,
    "access.change_roleassignment": GOVERNMENT,
    "access.delete_roleassignment": GOVERNMENT,
}

# Permissions a person also holds on objects that are their own (the model's `access_owner`).
OWNER_PERMISSIONS = frozenset({"accounts.view_residency"})
