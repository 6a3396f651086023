"""Halls, topics, comments and votes. A person reaches the halls they read as the pages do
(`halls.read_hall`: a role on the hall's place, below it or above it); every write goes through the
halls' services, which answer refusals in the person's language."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, generics, status
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.access.visibility import get_visible_or_404
from apps.core.refusals import refusal_message
from apps.halls import selectors
from apps.halls.models import Comment, Hall, Topic, Vote
from apps.halls.topics import selectors as topic_selectors
from apps.halls.topics.discussion import comment_post
from apps.halls.topics.services import topic_cosign, topic_raise
from apps.halls.votes import selectors as vote_selectors
from apps.halls.votes.services import ballot_cast

from ..selectors import topics_of, votes_of
from ..services import submitted_once
from . import hall_serializers as s
from .base import ApiMixin, NewestFirstPagination, path_id
from .errors import Conflict, ErrorSerializer
from .filters import FiltersWhenAsked, TopicFilter, VoteFilter


class HallList(ApiMixin, generics.ListAPIView):
    """The halls you belong to: of the places where you hold a role, below or above them."""

    serializer_class = s.HallSerializer

    def get_queryset(self):
        return selectors.halls_of(self.request.user).order_by("place__path")


class HallDetail(ApiMixin, generics.RetrieveAPIView):
    serializer_class = s.HallSerializer

    def get_object(self):
        return _hall(self.request.user, path_id(self.kwargs["pk"]))


class TopicList(ApiMixin, generics.ListAPIView):
    """Topics of your halls, newest first; POST raises one (verified residents, council members, staff)."""

    serializer_class = s.TopicSerializer
    pagination_class = NewestFirstPagination
    filter_backends = [FiltersWhenAsked]
    filterset_class = TopicFilter

    def get_queryset(self):
        return topics_of(self.request.user)

    @extend_schema(request=s.TopicRaiseSerializer, responses={201: s.TopicDetailSerializer})
    def post(self, request):
        incoming = s.TopicRaiseSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        hall = _member_hall(request.user, data["hall"])
        topic = submitted_once(
            user=request.user,
            key=data.get("submission_key"),
            model=Topic,
            make=lambda: _allowed(
                topic_raise, hall=hall, user=request.user, title=data["title"], body=data["body"]
            ),
        )
        topic = _topic_with_standing(request.user, topic.pk)
        return Response(s.TopicDetailSerializer(topic).data, status=status.HTTP_201_CREATED)


def _hall(user, pk: int) -> Hall:
    return get_visible_or_404(user, Hall.objects.select_related("place"), perm="halls.read_hall", pk=pk)


def _topic(user, pk: int, perm: str = "halls.read_hall") -> Topic:
    return get_visible_or_404(user, topic_selectors.topics_with_hall(), perm=perm, pk=pk)


def _topic_with_standing(user, pk: int) -> Topic:
    return get_visible_or_404(user, topic_selectors.topics_with_standing(user), perm="halls.read_hall", pk=pk)


def _member_hall(user, pk: int):
    try:
        return _hall(user, pk)
    except Http404 as missing:
        raise exceptions.ValidationError({"hall": [_("Choose a hall you belong to.")]}) from missing


def _allowed(service, **kwargs):
    """Run a service; its PermissionDenied keeps the service's own message."""
    try:
        return service(**kwargs)
    except PermissionDenied as refused:
        raise exceptions.PermissionDenied(refusal_message(refused)) from refused


class TopicDetail(ApiMixin, generics.RetrieveAPIView):
    serializer_class = s.TopicDetailSerializer

    def get_object(self):
        return _topic_with_standing(self.request.user, path_id(self.kwargs["pk"]))


class TopicCosign(ApiMixin, APIView):
    """Co-sign for your household: one signature per household; past the hall's threshold the topic
    goes on the agenda."""

    @extend_schema(request=None, responses={201: s.TopicDetailSerializer})
    def post(self, request, pk: str):
        topic = _topic(request.user, path_id(pk))
        topic_cosign(topic=topic, user=request.user)
        topic = _topic_with_standing(request.user, topic.pk)
        return Response(s.TopicDetailSerializer(topic).data, status=status.HTTP_201_CREATED)


class TopicComments(ApiMixin, generics.ListAPIView):
    """The discussion of a topic in order, replies after their comment; POST posts a comment or a reply."""

    serializer_class = s.CommentSerializer
    pagination_class = None

    def get_queryset(self):
        topic = _topic(self.request.user, path_id(self.kwargs["pk"]))
        return [c for thread, replies in topic_selectors.topic_threads(topic) for c in (thread, *replies)]

    @extend_schema(request=s.CommentPostSerializer, responses={201: s.CommentSerializer})
    def post(self, request, pk: str):
        topic = _topic(request.user, path_id(pk), "halls.take_part")
        incoming = s.CommentPostSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        parent = None
        if data.get("parent") is not None:
            parent = Comment.objects.filter(topic=topic, pk=data["parent"]).first()
            if parent is None:
                raise exceptions.ValidationError({"parent": [_("Answer a comment of this topic.")]})
        comment = submitted_once(
            user=request.user,
            key=data.get("submission_key"),
            model=Comment,
            make=lambda: _allowed(
                comment_post, topic=topic, author=request.user, body=data["body"], parent=parent
            ),
        )
        return Response(s.CommentSerializer(comment).data, status=status.HTTP_201_CREATED)


class VoteList(ApiMixin, generics.ListAPIView):
    """Votes of your halls, the latest first: the proposal, its rule and options, never a ballot."""

    serializer_class = s.VoteSerializer
    filter_backends = [FiltersWhenAsked]
    filterset_class = VoteFilter

    def get_queryset(self):
        return votes_of(self.request.user).prefetch_related("options").order_by("-opens_at", "-pk")


def member_vote(request, pk: str, perm: str = "halls.read_hall") -> Vote:
    return get_visible_or_404(request.user, vote_selectors.votes_for_page(), perm=perm, pk=path_id(pk))


class VoteDetail(ApiMixin, generics.RetrieveAPIView):
    serializer_class = s.VoteSerializer

    def get_object(self):
        return member_vote(self.request, self.kwargs["pk"])


class VoteResult(ApiMixin, APIView):
    """The result, computed once at close and published with turnout; nothing before close."""

    @extend_schema(responses={200: s.ResultSerializer, 409: ErrorSerializer})
    def get(self, request, pk: str):
        vote = member_vote(request, pk)
        if vote.state != Vote.Status.CLOSED:
            raise Conflict(
                _("The result is published when the vote closes, at %(closes_at)s.")
                % {"closes_at": timezone.localtime(vote.closes_at).strftime("%Y-%m-%d %H:%M")}
            )
        if vote.counting:
            raise Conflict(_("The vote has closed; its result is being counted."))
        result = vote.result
        result.vote = vote
        return Response(s.ResultSerializer(result).data)


class MyBallot(ApiMixin, APIView):
    """GET: whom you may vote for in this vote and whether each ballot is in. POST: cast your ballot
    (a named ballot may be changed until close; a secret one is cast once)."""

    @extend_schema(responses={200: s.MyBallotSerializer(many=True)})
    def get(self, request, pk: str):
        vote = member_vote(request, pk)
        return Response(s.MyBallotSerializer(_mine(vote, request.user), many=True).data)

    @extend_schema(request=s.BallotCastSerializer, responses={200: s.MyBallotSerializer(many=True)})
    def post(self, request, pk: str):
        vote = member_vote(request, pk, "halls.cast_ballot")
        incoming = s.BallotCastSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        ballot_cast(vote=vote, user=request.user, choices=data["choices"], elector_id=data.get("elector"))
        return Response(s.MyBallotSerializer(_mine(vote, request.user), many=True).data)


def _mine(vote: Vote, user) -> list:
    return vote_selectors.eligibility(vote, user) if vote.state == Vote.Status.OPEN else []
