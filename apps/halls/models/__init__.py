from .discussion import Comment, CommentFlag, Follow
from .halls import Hall
from .implementation import Task, TaskEscalation, TaskRating, TaskUpdate
from .meetings import (
    AgendaItem,
    Attendance,
    Invitation,
    Meeting,
    MeetingAttachment,
    Minutes,
    MinutesApproval,
    Registration,
)
from .representatives import HouseholdRepresentative
from .topics import CoSignature, Objection, Review, ReviewRequest, Topic
from .votes import Ballot, Elector, Option, Proxy, Result, RollEntry, SecretBallot, Vote, Voter, WaitingBallot

__all__ = [
    "AgendaItem",
    "Attendance",
    "Ballot",
    "CoSignature",
    "Comment",
    "CommentFlag",
    "Elector",
    "Follow",
    "Hall",
    "HouseholdRepresentative",
    "Invitation",
    "Meeting",
    "MeetingAttachment",
    "Minutes",
    "MinutesApproval",
    "Objection",
    "Option",
    "Proxy",
    "Registration",
    "Result",
    "Review",
    "ReviewRequest",
    "RollEntry",
    "SecretBallot",
    "Task",
    "TaskEscalation",
    "TaskRating",
    "TaskUpdate",
    "Topic",
    "Vote",
    "Voter",
    "WaitingBallot",
]
