"""
The one reviewed table: which roles hold each permission, within the scope of their assignment.

A permission applies to an object when the person holds one of its roles on a place the object
is anchored below (see `access_anchors` on each model). An entry is either a set of roles, or a
list of (roles, requirement) pairs where the requirement is a dict of the object's field values,
e.g. property staff handle a report only while it is assigned to the property company.
Change this table with a review.
"""

from .roles import GOVERNMENT, OFFICIALS, Role

EVERY_ROLE = frozenset(Role)

Grant = tuple[frozenset[Role], dict]

PERMISSION_ROLES: dict[str, frozenset[Role] | list[Grant]] = {
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
    # reports: residents see their own (owner); handlers see what is assigned to them
    "reports.view_report": [
        (GOVERNMENT | {Role.BUILDING_HEAD, Role.GRID_WORKER}, {}),
        ({Role.PROPERTY_STAFF}, {"handler_kind": "property"}),
    ],
    "reports.dispatch_report": GOVERNMENT,
    "reports.handle_report": [
        ({Role.PROPERTY_STAFF}, {"handler_kind": "property"}),
        ({Role.COMMUNITY_STAFF}, {"handler_kind": "community"}),
        (OFFICIALS, {"handler_kind": "street"}),
    ],
    "reports.review_report": GOVERNMENT,
    "reports.close_report": GOVERNMENT,
    "reports.rate_report": frozenset(),
    "reports.report_on_behalf": frozenset({Role.BUILDING_HEAD, Role.GRID_WORKER, Role.COMMUNITY_STAFF}),
    "reports.patrol": frozenset({Role.GRID_WORKER, Role.COMMUNITY_STAFF, Role.PROPERTY_STAFF}) | OFFICIALS,
    "reports.view_timelineevent": [
        (GOVERNMENT | {Role.BUILDING_HEAD, Role.GRID_WORKER}, {}),
        ({Role.PROPERTY_STAFF}, {"report__handler_kind": "property"}),
    ],
    "reports.view_photo": [
        (GOVERNMENT | {Role.BUILDING_HEAD, Role.GRID_WORKER}, {}),
        ({Role.PROPERTY_STAFF}, {"report__handler_kind": "property"}),
    ],
    "reports.view_supervision": GOVERNMENT,
    "reports.view_board": GOVERNMENT,
    "reports.add_board": GOVERNMENT,
    "reports.change_board": GOVERNMENT,
    "reports.print_boards": GOVERNMENT,
    "reports.view_boardsheet": GOVERNMENT,
    "reports.add_boardsheet": GOVERNMENT,
    # organizations: staff of the place, and the organization's own people (organization scope)
    "organizations.view_organization": GOVERNMENT
    | {Role.ORGANIZATION_LEADER, Role.ORGANIZATION_MEMBER, Role.ORGANIZATION_VOLUNTEER},
    "organizations.add_organization": GOVERNMENT,
    "organizations.change_organization": GOVERNMENT | {Role.ORGANIZATION_LEADER},
    "organizations.file_organization": GOVERNMENT,
    # organizations: more entries of apps/organizations go above this line
    # halls (apps/halls)
    # halls: end
    # oversight (apps/oversight)
    # oversight: end
    # api (apps/api)
    # api: end
    # roles
    "access.view_roleassignment": GOVERNMENT,
    "access.add_roleassignment": GOVERNMENT,
    "access.change_roleassignment": GOVERNMENT,
    "access.delete_roleassignment": GOVERNMENT,
}

# Permissions a person also holds on objects that are their own (the model's `access_owner`).
OWNER_PERMISSIONS = frozenset({"accounts.view_residency", "reports.view_report", "reports.rate_report"})


def grants_of(perm: str) -> list[Grant]:
    entry = PERMISSION_ROLES.get(perm, frozenset())
    if isinstance(entry, frozenset):
        return [(entry, {})] if entry else []
    return [(frozenset(roles), requirement) for roles, requirement in entry]
