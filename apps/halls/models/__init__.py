from .discussion import Comment, CommentFlag, Follow
from .halls import AuditEntry, Hall
from .implementation import Task, TaskEscalation, TaskRating, TaskUpdate
from .topics import CoSignature, Objection, Review, Topic
from .votes import Ballot, Elector, Option, Proxy, Result, RollEntry, SecretBallot, Vote, Voter

__all__ = [
    "AuditEntry",
    "Ballot",
    "CoSignature",
    "Comment",
    "CommentFlag",
    "Elector",
    "Follow",
    "Hall",
    "Objection",
    "Option",
    "Proxy",
    "Result",
    "Review",
    "RollEntry",
    "SecretBallot",
    "Task",
    "TaskEscalation",
    "TaskRating",
    "TaskUpdate",
    "Topic",
    "Vote",
    "Voter",
]
