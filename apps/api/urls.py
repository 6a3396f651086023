from django.urls import path, re_path

from .open311 import views as open311
from .rest import docs, schema
from .rest import hall_views as halls
from .rest import hotline_views as hotline
from .rest import meeting_views as meetings
from .rest import organization_views as organizations
from .rest import views as rest

app_name = "api"

FORMAT = r"\.(?P<format>[A-Za-z0-9]+)"

urlpatterns = [
    path("api/schema/", schema.SchemaView.as_view(), name="schema"),
    path("api/docs/", docs.docs, name="docs"),
    path("api/v1/auth/token/", rest.TokenObtain.as_view(), name="token-obtain"),
    path("api/v1/tokens/", rest.TokenList.as_view(), name="tokens"),
    path("api/v1/tokens/<str:pk>/", rest.TokenRevoke.as_view(), name="token-revoke"),
    path("api/v1/places/", rest.PlaceList.as_view(), name="places"),
    path("api/v1/places/<str:pk>/", rest.PlaceDetail.as_view(), name="place"),
    path("api/v1/categories/", rest.CategoryList.as_view(), name="categories"),
    path("api/v1/categories/suggest/", rest.CategorySuggest.as_view(), name="category-suggest"),
    path("api/v1/reports/", rest.ReportList.as_view(), name="reports"),
    path("api/v1/reports/<str:tracking_number>/", rest.ReportDetail.as_view(), name="report"),
    path(
        "api/v1/reports/<str:tracking_number>/timeline/",
        rest.ReportTimeline.as_view(),
        name="report-timeline",
    ),
    path(
        "api/v1/reports/<str:tracking_number>/transitions/",
        rest.ReportTransitions.as_view(),
        name="report-transitions",
    ),
    path("api/v1/reports/<str:tracking_number>/rating/", rest.ReportRating.as_view(), name="report-rating"),
    path("api/v1/reports/<str:tracking_number>/visit/", rest.ReportVisit.as_view(), name="report-visit"),
    path(
        "api/v1/reports/<str:tracking_number>/dispatch/",
        rest.ReportDispatch.as_view(),
        name="report-dispatch",
    ),
    path("api/v1/boards/", rest.BoardList.as_view(), name="boards"),
    path("api/v1/boards/<str:pk>/", rest.BoardDetail.as_view(), name="board"),
    path("api/v1/boards/<str:pk>/replace/", rest.BoardReplace.as_view(), name="board-replace"),
    path("api/v1/halls/", halls.HallList.as_view(), name="halls"),
    path("api/v1/halls/<str:pk>/", halls.HallDetail.as_view(), name="hall"),
    path("api/v1/topics/", halls.TopicList.as_view(), name="topics"),
    path("api/v1/topics/<str:pk>/", halls.TopicDetail.as_view(), name="topic"),
    path("api/v1/topics/<str:pk>/cosign/", halls.TopicCosign.as_view(), name="topic-cosign"),
    path("api/v1/topics/<str:pk>/comments/", halls.TopicComments.as_view(), name="topic-comments"),
    path("api/v1/votes/", halls.VoteList.as_view(), name="votes"),
    path("api/v1/votes/<str:pk>/", halls.VoteDetail.as_view(), name="vote"),
    path("api/v1/votes/<str:pk>/ballot/", halls.MyBallot.as_view(), name="vote-ballot"),
    path("api/v1/votes/<str:pk>/result/", halls.VoteResult.as_view(), name="vote-result"),
    path("api/v1/meetings/", meetings.MeetingList.as_view(), name="meetings"),
    path("api/v1/meetings/<str:pk>/", meetings.MeetingDetail.as_view(), name="meeting"),
    path(
        "api/v1/meetings/<str:pk>/registration/",
        meetings.MyRegistration.as_view(),
        name="meeting-registration",
    ),
    path("api/v1/meetings/<str:pk>/sign-in/", meetings.MeetingSignIn.as_view(), name="meeting-sign-in"),
    path("api/v1/organizations/", organizations.OrganizationList.as_view(), name="organizations"),
    path("api/v1/organizations/<str:pk>/", organizations.OrganizationDetail.as_view(), name="organization"),
    path("api/v1/activities/", organizations.ActivityList.as_view(), name="activities"),
    path("api/v1/activities/<str:pk>/", organizations.ActivityDetail.as_view(), name="activity"),
    path("api/v1/activities/<str:pk>/signup/", organizations.MySignup.as_view(), name="activity-signup"),
    path(
        "api/v1/activities/<str:pk>/check-in/",
        organizations.ActivityCheckIn.as_view(),
        name="activity-check-in",
    ),
    path("api/v1/hotline/orders/", hotline.CityOrderReceive.as_view(), name="hotline-orders"),
    re_path(rf"^open311/v2/discovery{FORMAT}$", open311.discovery, name="open311-discovery"),
    re_path(rf"^open311/v2/services{FORMAT}$", open311.services, name="open311-services"),
    re_path(
        rf"^open311/v2/services/(?P<code>[^/]+?){FORMAT}$", open311.service_definition, name="open311-service"
    ),
    re_path(rf"^open311/v2/requests{FORMAT}$", open311.requests, name="open311-requests"),
    re_path(
        rf"^open311/v2/requests/(?P<request_id>[^/]+?){FORMAT}$",
        open311.request_detail,
        name="open311-request",
    ),
    re_path(rf"^open311/v2/tokens/(?P<token>[^/]+?){FORMAT}$", open311.token, name="open311-token"),
    re_path(rf"^open311/v2/servicerequestupdates{FORMAT}$", open311.request_updates, name="open311-updates"),
]
