from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "apps.accounts"
    label = "accounts"
    verbose_name = _("Accounts and residency")

    def ready(self):
        from apps.core.readahead import page_reads

        from . import receivers  # noqa: F401  (connects the "my home" cache to the records it shows)
        from .selectors import home_key

        page_reads("home", lambda user: home_key(user.pk))
