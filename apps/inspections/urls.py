from django.urls import path

from . import views

app_name = "inspections"
urlpatterns = [
    path("inspections/today/", views.today, name="today"),
    path("inspections/assignment/<int:pk>/", views.inspect, name="inspect"),
    path("inspections/rounds/", views.coverage, name="coverage"),
    path("inspections/rounds/<int:pk>/", views.round_coverage, name="round"),
    path("inspections/notices/", views.notices, name="notices"),
    path("inspections/notices/<int:pk>/", views.notice, name="notice"),
    path("inspections/notices/<int:pk>/print/", views.notice_print, name="notice_print"),
]
