from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "apps.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        from apps.core.readahead import page_reads

        from .selectors import unread_key

        page_reads("home", lambda user: unread_key(user.pk))  # the unread count on "my home"
