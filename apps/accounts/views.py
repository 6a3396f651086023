"""The resident's own pages: my home, profile, and claiming a household."""

from allauth.account.forms import SetPasswordForm
from allauth.account.internal.flows.password_change import finalize_password_change
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from apps.core.readahead import read_ahead
from apps.places.models import Place, PlaceKind
from apps.places.selectors import place_labels

from . import services
from .forms import ProfileForm, ResidencyClaimForm
from .passwords import may_set_password_without_old
from .selectors import home_of


@login_required
def home(request):
    with read_ahead("home", request.user):
        return render(request, "accounts/home.html", {"home": home_of(request.user)})


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile is saved."))
        return redirect("accounts:home")
    return render(request, "accounts/profile.html", {"form": form})


@login_required
def residency_browse(request):
    """Walk down from a community to a household; names only, no residents."""
    place = None
    if place_id := request.GET.get("place"):
        browsable = Place.objects.filter(
            kind__in=[PlaceKind.COMMUNITY, PlaceKind.COMPOUND, PlaceKind.BUILDING, PlaceKind.UNIT]
        )
        place = get_object_or_404(browsable, pk=place_id)
    children = (
        Place.objects.get_children(place).only("id", "name", "kind")
        if place
        else Place.objects.filter(kind=PlaceKind.COMMUNITY)
        .only("id", "name", "kind", "path")
        .order_by("path")
    )
    label = place_labels([place], from_kind=PlaceKind.COMMUNITY)[place.pk] if place else ""
    return render(
        request, "accounts/residency_browse.html", {"place": place, "label": label, "children": children}
    )


@login_required
def residency_claim(request, household_id: int):
    household = get_object_or_404(Place, pk=household_id, kind=PlaceKind.HOUSEHOLD)
    community_id = request.POST.get("community") or request.GET.get("community")
    community = (
        Place.objects.filter(pk=community_id, kind=PlaceKind.COMMUNITY).first() if community_id else None
    )
    form = ResidencyClaimForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.residency_claim(
                user=request.user, household=household, community=community, **form.cleaned_data
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("Your claim is sent; the community will verify it."))
            return redirect("accounts:home")
    context = {
        "form": form,
        "household": household,
        "community": community or Place.objects.get(path=household.ancestor_path(PlaceKind.COMMUNITY)),
        "label": place_labels([household], from_kind=PlaceKind.COMMUNITY)[household.pk],
    }
    return render(request, "accounts/residency_claim.html", context)


@login_required
def password_new(request):
    """设置新密码 after signing in by a texted code; otherwise the old password is asked for."""
    if not may_set_password_without_old(request):
        return redirect("account_change_password")
    form = SetPasswordForm(data=request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        finalize_password_change(request, request.user)
        return redirect("accounts:home")
    return render(request, "accounts/password_new.html", {"form": form})
