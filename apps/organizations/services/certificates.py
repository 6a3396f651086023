"""Issuing and withdrawing certificates of volunteer hours."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Max, Min, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Certificate, Organization, Signup


@transaction.atomic
def certificate_issue(*, user, organization: Organization) -> Certificate | None:
    """The certificate of the person's credited hours with the organization (None without any); the
    same one again while nothing has changed, so downloading twice does not number two certificates."""
    credited = Signup.objects.filter(user=user, organization=organization, hours__isnull=False)
    totals = credited.aggregate(
        hours=Sum("hours"),
        services=Count("pk"),
        first=Min("activity__starts_at"),
        last=Max("activity__starts_at"),
    )
    if not totals["services"]:
        return None
    figures = {
        "hours": totals["hours"],
        "services": totals["services"],
        "first_day": timezone.localtime(totals["first"]).date(),
        "last_day": timezone.localtime(totals["last"]).date(),
    }
    issued = Certificate.objects.filter(user=user, organization=organization, withdrawn_at__isnull=True)
    return issued.filter(**figures).first() or Certificate.objects.create(
        user=user, organization=organization, **figures
    )


def certificate_withdraw(*, certificate: Certificate, actor, reason: str) -> Certificate:
    if not actor.has_perm("organizations.withdraw_certificate", certificate):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError({"withdrawn_reason": _("Give the reason.")})
    certificate.withdrawn_at = timezone.now()
    certificate.withdrawn_reason = reason.strip()
    certificate.save(update_fields=["withdrawn_at", "withdrawn_reason"])
    return certificate
