"""Staff manage halls, topics, comments and votes here; every list is scoped by the permission model."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from apps.access.admin import ReadOnlyScopedAdmin, ScopedModelAdmin

from .models import Comment, Hall, Topic
from .services import discussion, halls, topics


@admin.register(Hall)
class HallAdmin(ScopedModelAdmin):
    list_display = ["name", "place", "procedure", "cosign_threshold", "notice_days", "proxy_cap"]
    list_select_related = ["place"]
    readonly_fields = ["place", "created_at"]

    def has_add_permission(self, request, *args):
        return False  # a community's hall opens by itself; a compound's or street's through hall_open

    def save_model(self, request, obj, form, change):
        halls.hall_change(hall=obj, by=request.user)


@admin.register(Topic)
class TopicAdmin(ScopedModelAdmin):
    list_display = ["title", "hall", "status", "cosignatures", "comments", "created_at"]
    list_filter = ["status"]
    list_select_related = ["hall"]
    search_fields = ["title"]
    readonly_fields = [
        "hall",
        "status",
        "raised_by",
        "report",
        "merged_into",
        "cosignatures",
        "comments",
        "created_at",
        "agenda_at",
        "notice_until",
        "reason",
    ]

    def has_add_permission(self, request, *args):
        return False

    def save_model(self, request, obj, form, change):
        topics.topic_edit(topic=obj, by=request.user)


@admin.register(Comment)
class CommentAdmin(ReadOnlyScopedAdmin):
    list_display = ["topic", "author", "state", "flags", "created_at"]
    list_filter = ["state"]
    list_select_related = ["topic", "author"]
    actions = ["restore_selected"]

    @admin.action(description=_("Restore: nothing wrong after review"))
    def restore_selected(self, request, queryset):
        for comment in queryset.select_related("topic__hall__place"):
            try:
                discussion.comment_restore(comment=comment, by=request.user)
            except PermissionDenied:
                messages.error(request, _("You may not restore %(comment)s.") % {"comment": comment})


# the other halls admins register themselves: meetings and household representatives; objections,
# reviews and tasks
from .meetings import admin as meetings_admin  # noqa: E402, F401
from .resolutions import admin as admin_resolutions  # noqa: E402, F401
from .votes import admin as votes_admin  # noqa: E402, F401
