"""My volunteer record, its certificates as PDF, and the public page a certificate's QR code opens."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from ..certificate import certificate_pdf
from ..models import Certificate
from ..selectors.record import volunteer_record
from ..services.certificates import certificate_issue


@login_required
def my_record(request):
    return render(request, "organizations/record.html", {"record": volunteer_record(request.user)})


@login_required
@require_GET
def certificate(request):
    """The certificate of the person's hours with one organization (`?organization=`; by default the
    one they served most)."""
    organization = volunteer_record(request.user).organization_served(request.GET.get("organization"))
    issued = certificate_issue(user=request.user, organization=organization) if organization else None
    if issued is None:
        raise Http404
    response = HttpResponse(certificate_pdf(issued), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        False, f"volunteer-hours-{issued.number}.pdf"
    )
    return response


@require_GET
def verify(request, code: str):
    """Anyone holding the certificate may check it: its number, issuer, hours and period, and whether
    it was withdrawn. The volunteer's name is shown masked."""
    found = get_object_or_404(
        Certificate.objects.select_related("organization__place", "user"), code=code[:32]
    )
    return render(request, "organizations/verify.html", {"certificate": found})
