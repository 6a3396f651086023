from django.urls import path

from . import views
from .meetings import views as meeting_views
from .resolutions import views as resolution_views
from .topics import views as topic_views
from .votes import views as vote_views

app_name = "halls"
urlpatterns = [
    path("halls/", views.mine, name="mine"),
    path("halls/<int:pk>/", views.hall, name="hall"),
    path("halls/<int:pk>/topics/new/", topic_views.topic_new, name="topic_new"),
    path("halls/topics/<int:pk>/", views.topic, name="topic"),
    path("halls/topics/<int:pk>/cosign/", topic_views.topic_cosign, name="topic_cosign"),
    path("halls/topics/<int:pk>/follow/", topic_views.topic_follow, name="topic_follow"),
    path("halls/topics/<int:pk>/comments/", topic_views.comment_post, name="comment_post"),
    path("halls/comments/<int:pk>/flag/", topic_views.comment_flag, name="comment_flag"),
    path("halls/comments/<int:pk>/delete/", topic_views.comment_delete, name="comment_delete"),
    path("halls/comments/<int:pk>/hide/", topic_views.comment_hide, name="comment_hide"),
    path("halls/votes/<int:pk>/", vote_views.vote, name="vote"),
    path("halls/votes/<int:pk>/cast/", vote_views.vote_cast, name="vote_cast"),
    # meetings (议事会)
    path("halls/meetings/<int:pk>/", meeting_views.meeting, name="meeting"),
    path("halls/meetings/<int:pk>/register/", meeting_views.meeting_register, name="meeting_register"),
    path("halls/meetings/<int:pk>/unregister/", meeting_views.meeting_unregister, name="meeting_unregister"),
    path("halls/meetings/<int:pk>/cancel/", meeting_views.meeting_cancel, name="meeting_cancel"),
    path("halls/meetings/<int:pk>/sign-in/", meeting_views.meeting_sign_in, name="meeting_sign_in"),
    path("halls/meetings/<int:pk>/code/", meeting_views.meeting_code, name="meeting_code"),
    path("halls/meetings/<int:pk>/attendance/", meeting_views.meeting_attendance, name="meeting_attendance"),
    path("halls/meetings/<int:pk>/minutes/", meeting_views.meeting_minutes, name="meeting_minutes"),
    path("halls/meetings/<int:pk>/minutes/answer/", meeting_views.minutes_answer, name="minutes_answer"),
    path("halls/attachments/<int:pk>/", meeting_views.meeting_attachment, name="meeting_attachment"),
    path("halls/topics/<int:pk>/objections/", views.objection_file, name="objection_file"),
    path("halls/objections/<int:pk>/answer/", views.objection_answer, name="objection_answer"),
    path("halls/reviews/", resolution_views.reviews, name="reviews"),
    path("halls/topics/<int:pk>/review/", resolution_views.review_decide, name="review_decide"),
    path("halls/tasks/<int:pk>/progress/", views.task_report, name="task_report"),
    path("halls/tasks/<int:pk>/rate/", views.task_rate, name="task_rate"),
]
