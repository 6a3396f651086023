from django.contrib import admin, messages
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.access.admin import ScopedModelAdmin

from .models import ApiClient
from .services import api_client_rotate, assign_key


@admin.register(ApiClient)
class ApiClientAdmin(ScopedModelAdmin):
    list_display = ["name", "place", "prefix", "is_active", "sends_city_orders", "created_at", "last_used_at"]
    list_filter = ["is_active", "sends_city_orders"]
    list_select_related = ["place"]
    search_fields = ["name", "contact", "prefix"]
    fields = [
        "name",
        "contact",
        "place",
        "is_active",
        "sends_city_orders",
        "prefix",
        "created_at",
        "last_used_at",
    ]
    readonly_fields = ["prefix", "created_at", "last_used_at"]
    actions = ["rotate_keys"]

    def save_model(self, request, obj, form, change):
        secret = None if change else assign_key(obj)
        super().save_model(request, obj, form, change)
        if secret:
            _show_key(request, obj, secret)

    @admin.action(description=gettext_lazy("Issue new api_keys (the old ones stop working)"))
    def rotate_keys(self, request, queryset):
        for client in queryset:
            if request.user.has_perm("api.change_apiclient", client):
                _show_key(request, client, api_client_rotate(client=client))


def _show_key(request, client, secret: str) -> None:
    messages.warning(
        request,
        _("The api_key of “%(name)s” is %(key)s — copy it now: it is shown only once.")
        % {"name": client.name, "key": secret},
    )
