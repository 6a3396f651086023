"""Joining an organization: residents apply, leaders approve (granting the role) or refuse."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from apps.access.models import RoleAssignment
from apps.access.roles import ORGANIZATION_ROLES
from apps.access.services import role_end, role_grant
from apps.notifications.services import notify

from ..models import Application, Organization


def memberships_of(organization: Organization):
    return RoleAssignment.objects.active().filter(organization=organization, role__in=ORGANIZATION_ROLES)


def membership_apply(
    *, user, organization: Organization, role: str = Application.Role.MEMBER, note: str = ""
):
    if organization.is_federation or not organization.is_operating:
        raise ValidationError(_("This organization does not take members now."))
    if memberships_of(organization).filter(user=user, role=role).exists():
        raise ValidationError(_("You are already in this organization."))
    application = Application(organization=organization, user=user, role=role, note=note.strip())
    application.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError as duplicate:
        raise ValidationError(_("You have already applied; the leaders will answer.")) from duplicate
    return application


@transaction.atomic
def membership_decide(*, application: Application, actor, approve: bool, reason: str = "") -> Application:
    application = (
        Application.objects.select_for_update().select_related("organization").get(pk=application.pk)
    )
    if not actor.has_perm("organizations.decide_application", application):
        raise PermissionDenied
    if application.status != Application.Status.APPLIED:
        raise ValidationError(_("This application has already been answered."))
    if not approve and not reason.strip():
        raise ValidationError({"reason": _("Give the reason.")})
    application.status = Application.Status.APPROVED if approve else Application.Status.REFUSED
    application.reason = reason.strip()
    application.decided_by, application.decided_at = actor, timezone.now()
    application.save(update_fields=["status", "reason", "decided_by", "decided_at"])
    if approve:
        role_grant(
            user=application.user,
            role=application.role,
            organization=application.organization,
            granted_by=actor,
        )
    organization = application.organization
    with override(settings.LANGUAGE_CODE):  # nobody has a language of their own: the site's
        notify(
            users=[application.user],
            key=f"organizations.application.{application.pk}.{application.status}",
            title=(_("Welcome to %(name)s") if approve else _("%(name)s did not accept your application"))
            % {"name": organization.name},
            body=application.reason,
        )
    return application


def membership_end(*, assignment: RoleAssignment, actor) -> None:
    """A leader (or community staff) ends someone's membership; a person may also leave."""
    organization = assignment.organization
    if organization is None or assignment.role not in ORGANIZATION_ROLES:
        raise ValidationError(_("This is not a membership."))
    if assignment.user_id != actor.pk and not actor.has_perm("organizations.manage_members", organization):
        raise PermissionDenied
    role_end(assignment=assignment)
