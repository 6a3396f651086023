"""Staff manage halls here; every list is scoped by the permission model. Each subject's admin
registers its own models: topics and comments; votes, ballots and proxies; meetings and household
representatives; objections, reviews and tasks."""

from django.contrib import admin

from apps.access.admin import ScopedModelAdmin

from . import services as halls
from .meetings import admin as meetings_admin  # noqa: F401
from .models import Hall
from .resolutions import admin as resolutions_admin  # noqa: F401
from .topics import admin as topics_admin  # noqa: F401
from .votes import admin as votes_admin  # noqa: F401


@admin.register(Hall)
class HallAdmin(ScopedModelAdmin):
    list_display = ["name", "place", "procedure", "cosign_threshold", "notice_days", "proxy_cap"]
    list_select_related = ["place"]
    readonly_fields = ["place", "created_at"]

    def has_add_permission(self, request, *args):
        return False  # a community's hall opens by itself; a compound's or street's through hall_open

    def save_model(self, request, obj, form, change):
        halls.hall_change(hall=obj, by=request.user)
