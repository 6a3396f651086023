"""The directory, an organization's page, registering one, joining one, and its leaders' page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from apps.access.models import RoleAssignment
from apps.access.visibility import get_visible_or_404
from apps.core.refusals import refusal_message

from ..forms import DecisionForm, JoinForm, OrganizationApplyForm
from ..models import Activity, Application, Organization
from ..selectors.pages import (
    directory_communities,
    members_of,
    organization_directory,
    organization_page,
    organizations_with_place,
    pending_applications,
    standing_in,
    with_figures,
)
from ..services.membership import membership_apply, membership_decide, membership_end
from ..services.registry import organization_apply


def directory(request):
    communities = list(directory_communities())
    community = next((c for c in communities if str(c.pk) == request.GET.get("community")), None)
    category = request.GET.get("category", "")
    category = category if category in Organization.Category.values else ""
    context = {
        "organizations": organization_directory(category=category, community=community),
        "communities": communities,
        "categories": Organization.Category.choices,
        "category": category,
        "community": community,
    }
    return render(request, "organizations/directory.html", context)


def organization(request, pk: int):
    found = get_visible_or_404(
        request.user,
        with_figures(organizations_with_place()),
        perm="organizations.read_organization",
        pk=pk,
    )
    context = {
        "page": organization_page(found),
        "organization": found,
        "join_form": JoinForm(),
        "standing": standing_in(found, request.user),
        "can_manage": request.user.has_perm("organizations.manage_members", found),
        "can_publish": request.user.has_perm("organizations.add_activity", Activity(organization=found)),
    }
    return render(request, "organizations/organization.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def register(request):
    form = OrganizationApplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            created = organization_apply(applicant=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your application is with the community, which will file it."))
            return redirect("organizations:organization", pk=created.pk)
    return render(request, "organizations/register.html", {"form": form})


@login_required
@require_POST
def join(request, pk: int):
    found = get_visible_or_404(
        request.user, organizations_with_place(), perm="organizations.read_organization", pk=pk
    )
    form = JoinForm(request.POST)
    if form.is_valid():
        try:
            membership_apply(user=request.user, organization=found, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, refusal_message(error))
        else:
            messages.success(request, _("Your application is sent; the leaders will answer."))
    return redirect("organizations:organization", pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def members(request, pk: int):
    found = get_visible_or_404(
        request.user, Organization.objects.all(), perm="organizations.manage_members", pk=pk
    )
    if request.method == "POST":
        _decide_or_end(request, found)
        return redirect("organizations:members", pk=pk)
    context = {
        "organization": found,
        "applications": pending_applications(found),
        "members": members_of(found),
    }
    return render(request, "organizations/members.html", context)


def _decide_or_end(request, found: Organization) -> None:
    try:
        if "end" in request.POST:
            assignment = get_object_or_404(members_of(found), pk=request.POST["end"])
            membership_end(assignment=assignment, actor=request.user)
            messages.success(request, _("Membership ended."))
            return
        form = DecisionForm(request.POST)
        if not form.is_valid():
            raise ValidationError(_("Choose an application."))
        application = get_object_or_404(pending_applications(found), pk=form.cleaned_data["application"])
        membership_decide(
            application=application,
            actor=request.user,
            approve=form.cleaned_data["approve"],
            reason=form.cleaned_data["reason"],
        )
        messages.success(request, _("Answer recorded."))
    except ValidationError as error:
        messages.error(request, refusal_message(error))
    except (PermissionDenied, RoleAssignment.DoesNotExist, Application.DoesNotExist):
        messages.error(request, _("You cannot do this."))
