from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from apps.access import views as access_views
from apps.core import text_size
from apps.core import views as core_views

urlpatterns = [
    path("", core_views.landing, name="landing"),
    path("ping/", core_views.ping, name="ping"),
    path("healthz/", core_views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("text-size/", text_size.switch, name="text_size"),
    path("accounts/", include("allauth.urls")),
    path("me/", include("apps.accounts.urls")),
    path("me/notifications/", include("apps.notifications.urls")),
    path("admin/", admin.site.urls),
    path("", include("apps.reports.urls")),
    path("", include("apps.halls.urls")),
    path("", include("apps.organizations.urls")),
    path("", include("apps.oversight.urls")),
    path("", include("apps.inspections.urls")),
    path("", include("apps.api.urls")),
]

if settings.SERVE_MEDIA:  # every uploaded file is read under its object's permission (apps.access.files)
    urlpatterns.append(
        path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", access_views.uploaded_file, name="media")
    )

handler429 = "apps.core.views.too_many_requests"
handler500 = "apps.core.views.server_error"
