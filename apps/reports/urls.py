from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("s/<str:token>/", views.scan, name="scan"),
    path("r/<str:token>/", views.follow, name="follow"),
    path("report/", views.report_new, name="new"),
    path("track/", views.track, name="track"),
]
