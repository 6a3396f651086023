from django.urls import path

from .views import activities, campaigns, directory, record

app_name = "organizations"
urlpatterns = [
    path("organizations/", directory.directory, name="directory"),
    path("organizations/register/", directory.register, name="register"),
    path("organizations/<int:pk>/", directory.organization, name="organization"),
    path("organizations/<int:pk>/join/", directory.join, name="join"),
    path("organizations/<int:pk>/members/", directory.members, name="members"),
    path("organizations/<int:pk>/activities/new/", activities.publish, name="publish"),
    path("organizations/calendar/", activities.calendar, name="calendar"),
    path("organizations/activities/<int:pk>/", activities.activity, name="activity"),
    path("organizations/activities/<int:pk>/signup/", activities.signup, name="signup"),
    path("organizations/activities/<int:pk>/cancel/", activities.cancel, name="cancel"),
    path("organizations/activities/<int:pk>/code/", activities.code, name="code"),
    path("organizations/activities/<int:pk>/check-in/", activities.check_in, name="check_in"),
    path("organizations/activities/<int:pk>/attendance/", activities.attendance, name="attendance"),
    path("organizations/campaigns/<int:pk>/", campaigns.campaign, name="campaign"),
    path("organizations/campaigns/<int:pk>/rewards/<int:tier>/", campaigns.claim, name="claim"),
    path("organizations/campaigns/<int:pk>/station/", campaigns.station, name="station"),
    path("organizations/campaigns/<int:pk>/confirm/", campaigns.confirm, name="campaign_confirm"),
    path("organizations/me/", record.my_record, name="record"),
    path("organizations/me/certificate.pdf", record.certificate, name="certificate"),
    path("organizations/certificates/<str:code>/", record.verify, name="verify"),
]
