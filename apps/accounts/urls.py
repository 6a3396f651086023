from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("", views.home, name="home"),
    path("profile/", views.profile, name="profile"),
    path("password/new/", views.password_new, name="password_new"),
    path("residency/", views.residency_browse, name="residency_browse"),
    path("residency/<int:household_id>/", views.residency_claim, name="residency_claim"),
]
