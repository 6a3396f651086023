"""Staff edit topics and restore hidden comments here."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from apps.access.admin import ReadOnlyScopedAdmin, ScopedModelAdmin

from ..models import Comment, Topic
from . import discussion
from . import services as topics


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
