"""
The one reviewed table: which roles hold each permission, within the scope of their assignment.

A permission applies to an object when the person holds one of its roles on a place the object is
anchored to (see `access_anchors` on each model), within the grant's reach: on the place and below
(staff of a community act on what lies in it), on the place and above (a resident takes part in the
halls of their community and street) or around, both. An entry is either a set of roles (reaching
below), or a list of grants, each with a requirement: a dict of the object's field values, e.g.
property staff handle a report only while it is assigned to the property company. A public grant
holds for anyone, signed in or not, on every object meeting its requirement (a filed organization).
Change this table with a review.
"""

from dataclasses import dataclass, field
from enum import StrEnum

from .roles import ADMIN_ROLES, APPLICANT, GOVERNMENT, OFFICIALS, Role

EVERY_ROLE = frozenset(Role)


class Reach(StrEnum):
    BELOW = "below"  # on the place and below it
    ABOVE = "above"  # on the place and above it
    AROUND = "around"  # both


@dataclass(frozen=True)
class Grant:
    roles: frozenset[str]
    requirement: dict = field(default_factory=dict)
    reach: Reach = Reach.BELOW
    # the model's department or organization lookups this grant reaches through; empty: all of them
    via: tuple[str, ...] = ()
    public: bool = False  # anyone's, signed in or not, wherever the requirement is met


def around(roles, **requirement) -> Grant:
    return Grant(frozenset(roles), requirement, Reach.AROUND)


def above(roles, **requirement) -> Grant:
    return Grant(frozenset(roles), requirement, Reach.ABOVE)


def anyone(**requirement) -> Grant:
    return Grant(frozenset(), requirement, public=True)


# Participants: whoever holds a role on a place belongs to the halls around it (a resident to their
# compound's, community's and street's halls; staff and officials to those below them as well).
MEMBERS = EVERY_ROLE
# Residents of the hall's households, and its council members, speak for the hall's households.
HOUSEHOLDS = [above({Role.RESIDENT}), around({Role.COUNCIL_MEMBER})]
# The street's dispatch desk (街道派单台): the officials who dispatch a report its handlers returned twice.
STREET_DESK = OFFICIALS
ORGANIZATION_PEOPLE = frozenset(
    {Role.ORGANIZATION_LEADER, Role.ORGANIZATION_MEMBER, Role.ORGANIZATION_VOLUNTEER}
)
# An organization is public once filed (and while active); its activities and campaigns with it.
PUBLIC_ORGANIZATION = [anyone(status="filed"), anyone(status="active")]
OF_PUBLIC_ORGANIZATION = [anyone(organization__status="filed"), anyone(organization__status="active")]

PERMISSION_ROLES: dict[str, frozenset[Role] | list[Grant | tuple]] = {
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
    # departments: the staff of the places around them (community staff dispatch to their street's),
    # and their own staff (department scope)
    "places.view_department": [around(GOVERNMENT), Grant(frozenset({Role.DEPARTMENT_STAFF}))],
    "places.add_department": OFFICIALS,
    "places.change_department": OFFICIALS,
    # people
    "accounts.view_user": GOVERNMENT,
    "accounts.view_residency": GOVERNMENT,
    "accounts.change_residency": frozenset({Role.COMMUNITY_STAFF}),
    "accounts.verify_residency": frozenset({Role.COMMUNITY_STAFF}),
    # reports: residents see their own (owner); handlers see what is assigned to them (a
    # department's staff reach reports through the department they are assigned to)
    "reports.view_report": [
        (GOVERNMENT | {Role.BUILDING_HEAD, Role.GRID_WORKER}, {}),
        ({Role.PROPERTY_STAFF}, {"handler_kind": "property"}),
        ({Role.DEPARTMENT_STAFF}, {}),
    ],
    # residents report about the places around their home, from the day they claim their household
    "reports.add_report": [above({Role.RESIDENT, APPLICANT})],
    # community staff dispatch (and correct the category of) their community's reports until the
    # handlers return one twice: then the street's dispatch desk, its officials, dispatches it
    "reports.dispatch_report": [(STREET_DESK, {}), ({Role.COMMUNITY_STAFF}, {"at_street_desk": False})],
    "reports.recategorize_report": [(STREET_DESK, {}), ({Role.COMMUNITY_STAFF}, {"at_street_desk": False})],
    "reports.work_street_desk": STREET_DESK,  # its queue ("派单台"), for those who dispatch there
    "reports.handle_report": [
        ({Role.PROPERTY_STAFF}, {"handler_kind": "property"}),
        ({Role.COMMUNITY_STAFF}, {"handler_kind": "community"}),
        (OFFICIALS, {"handler_kind": "street"}),
        # the handling department only: a co-handler or summoned unit reads the report, never handles it
        Grant(frozenset({Role.DEPARTMENT_STAFF}), {"handler_kind": "street"}, via=("department",)),
    ],
    "reports.review_report": GOVERNMENT,
    # 回访: the community's staff (and the street's officials) call residents back and record the answers
    "reports.visit_report": GOVERNMENT,
    "reports.view_visitdue": GOVERNMENT,
    "reports.view_returnvisit": GOVERNMENT,
    "reports.view_contact": frozenset({Role.COMMUNITY_STAFF}),
    "reports.close_report": GOVERNMENT,
    "reports.rate_report": frozenset(),
    "reports.report_on_behalf": frozenset({Role.BUILDING_HEAD, Role.GRID_WORKER, Role.COMMUNITY_STAFF}),
    "reports.patrol": frozenset({Role.GRID_WORKER, Role.COMMUNITY_STAFF, Role.PROPERTY_STAFF}) | OFFICIALS,
    "reports.view_timelineevent": [
        (GOVERNMENT | {Role.BUILDING_HEAD, Role.GRID_WORKER}, {}),
        ({Role.PROPERTY_STAFF}, {"report__handler_kind": "property"}),
        ({Role.DEPARTMENT_STAFF}, {}),
    ],
    "reports.view_photo": [
        (GOVERNMENT | {Role.BUILDING_HEAD, Role.GRID_WORKER}, {}),
        ({Role.PROPERTY_STAFF}, {"report__handler_kind": "property"}),
        ({Role.DEPARTMENT_STAFF}, {}),
    ],
    "reports.view_supervision": GOVERNMENT,
    # units joined to a report besides its handler (协办, 吹哨报到): whoever reads the report reads
    # who was joined; community staff and street officials summon; each unit's own staff report in
    # and add their notes (a closed report refuses them in the service)
    "reports.view_joinedunit": [
        (GOVERNMENT | {Role.BUILDING_HEAD, Role.GRID_WORKER}, {}),
        ({Role.PROPERTY_STAFF}, {"report__handler_kind": "property"}),
        ({Role.DEPARTMENT_STAFF}, {}),
    ],
    "reports.summon_units": frozenset({Role.COMMUNITY_STAFF, Role.STREET_OFFICIAL}),
    "reports.report_in": [
        Grant(frozenset({Role.DEPARTMENT_STAFF}), {"part": "summoned"}, via=("department",))
    ],
    "reports.add_note": [Grant(frozenset({Role.DEPARTMENT_STAFF}), via=("department",))],
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
    "organizations.view_statuschange": GOVERNMENT | {Role.ORGANIZATION_LEADER},
    "organizations.view_application": GOVERNMENT | {Role.ORGANIZATION_LEADER},
    "organizations.decide_application": frozenset({Role.COMMUNITY_STAFF, Role.ORGANIZATION_LEADER}),
    "organizations.manage_members": frozenset({Role.COMMUNITY_STAFF, Role.ORGANIZATION_LEADER}),
    "organizations.view_activity": GOVERNMENT
    | {Role.ORGANIZATION_LEADER, Role.ORGANIZATION_MEMBER, Role.ORGANIZATION_VOLUNTEER},
    "organizations.add_activity": frozenset({Role.COMMUNITY_STAFF, Role.ORGANIZATION_LEADER}),
    "organizations.change_activity": frozenset({Role.COMMUNITY_STAFF, Role.ORGANIZATION_LEADER}),
    "organizations.check_in_activity": frozenset(
        {Role.COMMUNITY_STAFF, Role.ORGANIZATION_LEADER, Role.ORGANIZATION_VOLUNTEER}
    ),
    "organizations.confirm_hours": frozenset({Role.COMMUNITY_STAFF, Role.ORGANIZATION_LEADER}),
    "organizations.view_signup": GOVERNMENT | {Role.ORGANIZATION_LEADER, Role.ORGANIZATION_VOLUNTEER},
    "organizations.view_hourscorrection": GOVERNMENT | {Role.ORGANIZATION_LEADER},
    "organizations.view_campaign": GOVERNMENT
    | {Role.ORGANIZATION_LEADER, Role.ORGANIZATION_MEMBER, Role.ORGANIZATION_VOLUNTEER},
    "organizations.add_campaign": frozenset({Role.COMMUNITY_STAFF, Role.ORGANIZATION_LEADER}),
    "organizations.change_campaign": frozenset({Role.COMMUNITY_STAFF, Role.ORGANIZATION_LEADER}),
    "organizations.view_checkin": GOVERNMENT | {Role.ORGANIZATION_LEADER, Role.ORGANIZATION_VOLUNTEER},
    "organizations.confirm_checkin": frozenset(
        {Role.COMMUNITY_STAFF, Role.ORGANIZATION_LEADER, Role.ORGANIZATION_VOLUNTEER}
    ),
    "organizations.view_rewardclaim": GOVERNMENT | {Role.ORGANIZATION_LEADER},
    "organizations.redeem_rewardclaim": frozenset({Role.COMMUNITY_STAFF, Role.ORGANIZATION_LEADER}),
    # certificates: the issuing organization's leader and the staff of its place; the volunteer (owner)
    "organizations.view_certificate": GOVERNMENT | {Role.ORGANIZATION_LEADER},
    "organizations.withdraw_certificate": frozenset({Role.COMMUNITY_STAFF, Role.ORGANIZATION_LEADER}),
    # participants: the organization's people always; residents of its place (or below it) for
    # what is open to them
    "organizations.join_activity": [
        Grant(ORGANIZATION_PEOPLE),
        above({Role.RESIDENT}, audience="residents"),
    ],
    "organizations.join_campaign": [Grant(ORGANIZATION_PEOPLE), above({Role.RESIDENT})],
    # their pages: anyone reads what is public; the organization's people and the staff of its
    # place the rest
    "organizations.read_organization": [*PUBLIC_ORGANIZATION, Grant(GOVERNMENT | ORGANIZATION_PEOPLE)],
    "organizations.read_activity": [*OF_PUBLIC_ORGANIZATION, Grant(GOVERNMENT | ORGANIZATION_PEOPLE)],
    "organizations.read_campaign": [*OF_PUBLIC_ORGANIZATION, Grant(GOVERNMENT | ORGANIZATION_PEOPLE)],
    # whose public organizations (and their activities) a person finds through the API: those around
    # the places of their roles, and their own
    "organizations.reach_organization": [around(EVERY_ROLE)],
    # organizations: more entries of apps/organizations go above this line
    # halls (apps/halls)
    # participants: members read and take part in the halls around the places of their roles; a
    # resident awaiting verification reads them; households (residents, council members) speak
    "halls.read_hall": [around(MEMBERS | {APPLICANT})],
    "halls.take_part": [around(MEMBERS)],
    "halls.comment_topic": [around(MEMBERS)],
    "halls.flag_comment": [around(MEMBERS)],
    "halls.cast_ballot": [around(MEMBERS)],
    "halls.register_for_meeting": [around(MEMBERS)],
    "halls.approve_minutes": [around(MEMBERS)],
    "halls.raise_topic": [*HOUSEHOLDS, Grant(GOVERNMENT)],
    "halls.cosign_topic": [above({Role.RESIDENT})],  # a household signs, not a council member
    "halls.file_objection": HOUSEHOLDS,
    "halls.rate_task": HOUSEHOLDS,
    # staff
    "halls.view_hall": GOVERNMENT,
    "halls.add_hall": GOVERNMENT,
    "halls.change_hall": GOVERNMENT,
    "halls.view_topic": GOVERNMENT,
    "halls.change_topic": GOVERNMENT,
    "halls.moderate_topic": GOVERNMENT,
    "halls.view_cosignature": GOVERNMENT,
    "halls.view_comment": GOVERNMENT,
    "halls.hide_comment": GOVERNMENT,
    "halls.view_commentflag": GOVERNMENT,
    "halls.view_objection": GOVERNMENT,
    "halls.answer_objection": GOVERNMENT,
    "halls.view_review": GOVERNMENT,
    "halls.review_topic": OFFICIALS,
    "halls.view_vote": GOVERNMENT,
    "halls.add_vote": GOVERNMENT,
    "halls.change_vote": [(GOVERNMENT, {"status": "draft"})],
    "halls.open_vote": GOVERNMENT,
    "halls.close_vote": GOVERNMENT,
    "halls.enter_paper_ballot": GOVERNMENT,
    "halls.add_proxy": GOVERNMENT,
    "halls.view_proxy": GOVERNMENT,
    "halls.view_elector": GOVERNMENT,
    "halls.view_rollentry": GOVERNMENT,
    # ballots and results only once the vote has closed: hidden results stay hidden in the admin too
    "halls.view_ballot": [(GOVERNMENT, {"vote__status": "closed"})],
    "halls.view_secretballot": [(GOVERNMENT, {"vote__status": "closed"})],
    "halls.view_waitingballot": [(GOVERNMENT, {"vote__status": "closed"})],  # none is left by then
    "halls.view_result": [(GOVERNMENT, {"vote__status": "closed"})],
    # meetings (议事会): staff call and run them; attendees approve the minutes (halls.approve_minutes)
    "halls.view_meeting": GOVERNMENT,
    "halls.add_meeting": GOVERNMENT,
    "halls.change_meeting": [(GOVERNMENT, {"status": "scheduled"})],
    "halls.run_meeting": GOVERNMENT,
    "halls.sign_in_attendee": GOVERNMENT,
    "halls.invite_to_meeting": GOVERNMENT,
    "halls.write_minutes": GOVERNMENT,
    "halls.view_agendaitem": GOVERNMENT,
    "halls.add_agendaitem": GOVERNMENT,
    "halls.change_agendaitem": GOVERNMENT,
    "halls.delete_agendaitem": GOVERNMENT,
    "halls.view_invitation": GOVERNMENT,
    "halls.view_registration": GOVERNMENT,
    "halls.view_attendance": GOVERNMENT,
    "halls.view_minutes": GOVERNMENT,
    "halls.view_minutesapproval": GOVERNMENT,
    "halls.view_meetingattachment": GOVERNMENT,
    "halls.add_meetingattachment": GOVERNMENT,
    "halls.delete_meetingattachment": GOVERNMENT,
    # household representatives: named by the community's staff
    "halls.view_householdrepresentative": GOVERNMENT,
    "halls.add_householdrepresentative": GOVERNMENT,
    "halls.change_householdrepresentative": GOVERNMENT,
    "halls.delete_householdrepresentative": GOVERNMENT,
    # implementation: staff set and follow tasks; the person responsible reports progress (owner)
    "halls.view_task": GOVERNMENT,
    "halls.add_task": GOVERNMENT,
    "halls.change_task": GOVERNMENT,
    "halls.update_task": GOVERNMENT,
    "halls.view_taskupdate": GOVERNMENT,
    "halls.view_taskrating": GOVERNMENT,
    "halls.view_taskescalation": GOVERNMENT,
    # halls: end
    # inspections (apps/inspections): 文明数治 points, rounds and inspections
    "inspections.view_pointcategory": GOVERNMENT | {Role.INSPECTOR, Role.GRID_WORKER},
    "inspections.change_pointcategory": OFFICIALS,
    "inspections.view_inspectionpoint": [
        (GOVERNMENT | {Role.INSPECTOR, Role.GRID_WORKER}, {}),
        ({Role.PROPERTY_STAFF}, {"handler_kind": "property"}),
        ({Role.DEPARTMENT_STAFF}, {}),
    ],
    "inspections.add_inspectionpoint": GOVERNMENT,
    "inspections.change_inspectionpoint": GOVERNMENT,
    "inspections.import_points": GOVERNMENT,
    "inspections.view_round": GOVERNMENT | {Role.INSPECTOR},
    "inspections.generate_round": OFFICIALS,
    "inspections.view_assignment": GOVERNMENT,
    "inspections.inspect_point": frozenset({Role.INSPECTOR, Role.GRID_WORKER}),
    "inspections.view_inspection": GOVERNMENT,
    "inspections.view_verdict": GOVERNMENT,
    "inspections.view_inspectionphoto": GOVERNMENT,
    # notices go to the point's responsible unit, as reports go to their handler
    "inspections.view_notice": [
        (GOVERNMENT | {Role.INSPECTOR}, {}),
        ({Role.PROPERTY_STAFF}, {"handler_kind": "property"}),
        ({Role.DEPARTMENT_STAFF}, {}),
    ],
    "inspections.answer_notice": [
        ({Role.PROPERTY_STAFF}, {"handler_kind": "property"}),
        ({Role.COMMUNITY_STAFF}, {"handler_kind": "community"}),
        (OFFICIALS, {"handler_kind": "street"}),
        Grant(frozenset({Role.DEPARTMENT_STAFF}), {"handler_kind": "street"}, via=("department",)),
    ],
    "inspections.reinspect_notice": frozenset({Role.INSPECTOR, Role.GRID_WORKER}),
    "inspections.view_noticestep": [
        (GOVERNMENT | {Role.INSPECTOR}, {}),
        ({Role.PROPERTY_STAFF}, {"notice__handler_kind": "property"}),
        ({Role.DEPARTMENT_STAFF}, {}),
    ],
    "inspections.view_noticeescalation": GOVERNMENT,
    # inspections: end
    # hotline (apps/hotline): 12345 city orders, entered, imported and answered by the staff of the
    # order's place — its community's staff and the street's officials
    "hotline.view_cityorder": GOVERNMENT,
    "hotline.add_cityorder": GOVERNMENT,
    "hotline.change_cityorder": GOVERNMENT,
    "hotline.import_cityorders": GOVERNMENT,
    "hotline.export_results": GOVERNMENT,
    # hotline: end
    # oversight (apps/oversight)
    "oversight.view_dashboard": GOVERNMENT,
    # the street's own figures and escalations (街道督办), beside those of the community
    "oversight.oversee_street": OFFICIALS,
    "oversight.view_dailyrollup": GOVERNMENT,
    "oversight.view_weeklyrollup": GOVERNMENT,
    # a unit's ledger may list compounds of several communities: community staff read their own
    "oversight.view_ledgersent": [
        (OFFICIALS | {Role.PROPERTY_STAFF}, {}),
        (frozenset({Role.COMMUNITY_STAFF}), {"management_unit": None}),
    ],
    "oversight.view_earlywarning": GOVERNMENT,
    "oversight.change_earlywarning": GOVERNMENT,
    "oversight.view_monthlytopic": GOVERNMENT,
    "oversight.add_monthlytopic": OFFICIALS,
    "oversight.change_monthlytopic": OFFICIALS,
    "oversight.view_topicmeasure": GOVERNMENT,
    "oversight.add_topicmeasure": OFFICIALS,
    "oversight.change_topicmeasure": OFFICIALS,
    # 双向督办: the unit a ledger was sent to answers its lines; the street closes them
    "oversight.answer_ledgersent": [
        ({Role.PROPERTY_STAFF}, {}),
        ({Role.COMMUNITY_STAFF}, {"management_unit": None}),
    ],
    "oversight.view_ledgerreply": [
        (OFFICIALS | {Role.PROPERTY_STAFF}, {}),
        (frozenset({Role.COMMUNITY_STAFF}), {"ledger__management_unit": None}),
    ],
    "oversight.close_ledgerreply": OFFICIALS,
    "oversight.view_ledgerreplyphoto": [
        (OFFICIALS | {Role.PROPERTY_STAFF}, {}),
        (frozenset({Role.COMMUNITY_STAFF}), {"reply__ledger__management_unit": None}),
    ],
    # oversight: end
    # api (apps/api)
    # Open311 clients are registered by the officials of their area
    "api.view_apiclient": OFFICIALS,
    "api.add_apiclient": OFFICIALS,
    "api.change_apiclient": OFFICIALS,
    "api.delete_apiclient": OFFICIALS,
    # api: end
    # audit (apps/audit): the staff of a place read what was done there; no one edits it
    "audit.view_staffaction": GOVERNMENT,
    # roles; who works in the admin at all
    "access.use_admin": ADMIN_ROLES,
    "access.view_roleassignment": GOVERNMENT,
    "access.add_roleassignment": GOVERNMENT,
    "access.change_roleassignment": GOVERNMENT,
    "access.delete_roleassignment": GOVERNMENT,
}

# Permissions a person also holds on objects that are their own (the model's `access_owner`).
OWNER_PERMISSIONS = frozenset(
    {
        "accounts.view_residency",
        "reports.view_report",
        "reports.rate_report",
        "halls.update_task",
        "halls.view_proxy",
        "organizations.view_checkin",
        "organizations.view_certificate",
        "inspections.view_assignment",
        "inspections.view_inspection",
    }
)


def grants_of(perm: str) -> list[Grant]:
    entry = PERMISSION_ROLES.get(perm, frozenset())
    if isinstance(entry, frozenset):
        return [Grant(entry)] if entry else []
    return [grant if isinstance(grant, Grant) else Grant(frozenset(grant[0]), grant[1]) for grant in entry]
