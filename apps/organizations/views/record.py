"""My volunteer record, and its certificate as PDF."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header

from ..certificate import hours_certificate
from ..selectors.record import volunteer_record


@login_required
def my_record(request):
    return render(request, "organizations/record.html", {"record": volunteer_record(request.user)})


@login_required
def certificate(request):
    pdf = hours_certificate(person=request.user, record=volunteer_record(request.user))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(False, "volunteer-hours.pdf")
    return response
