from django.urls import path

from . import views

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
]
