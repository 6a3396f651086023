from django.urls import path

from . import resolution_views, views

app_name = "halls"
urlpatterns = [
    path("halls/", views.mine, name="mine"),
    path("halls/<int:pk>/", views.hall, name="hall"),
    path("halls/<int:pk>/topics/new/", views.topic_new, name="topic_new"),
    path("halls/topics/<int:pk>/", views.topic, name="topic"),
    path("halls/topics/<int:pk>/cosign/", views.topic_cosign, name="topic_cosign"),
    path("halls/topics/<int:pk>/follow/", views.topic_follow, name="topic_follow"),
    path("halls/topics/<int:pk>/comments/", views.comment_post, name="comment_post"),
    path("halls/comments/<int:pk>/flag/", views.comment_flag, name="comment_flag"),
    path("halls/comments/<int:pk>/delete/", views.comment_delete, name="comment_delete"),
    path("halls/comments/<int:pk>/hide/", views.comment_hide, name="comment_hide"),
    path("halls/votes/<int:pk>/", views.vote, name="vote"),
    path("halls/votes/<int:pk>/cast/", views.vote_cast, name="vote_cast"),
    path("halls/topics/<int:pk>/objections/", resolution_views.objection_file, name="objection_file"),
    path("halls/objections/<int:pk>/answer/", resolution_views.objection_answer, name="objection_answer"),
    path("halls/reviews/", resolution_views.reviews, name="reviews"),
    path("halls/topics/<int:pk>/review/", resolution_views.review_decide, name="review_decide"),
    path("halls/tasks/<int:pk>/progress/", resolution_views.task_report, name="task_report"),
    path("halls/tasks/<int:pk>/rate/", resolution_views.task_rate, name="task_rate"),
]
