"""Every URL pattern of the project, read from the URL conf, with its arguments filled by B's objects."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.forms.models import model_to_dict
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from apps.halls import models as halls
from apps.inspections import models as inspections
from apps.organizations import models as orgs
from apps.oversight.models import EarlyWarning, LedgerSent
from apps.places.models import Place
from apps.reports.joined_units import JoinedUnit
from apps.reports.models import Board, BoardSheet, Report

from .sweep_world import MARKER, SweepWorld

# patterns that name nothing of a community, with the reason they are not swept
SKIPPED = {
    "admin:": "the admin's catch-all answers every unknown path with a redirect or 404",
    "account_confirm_email": "an e-mail confirmation key, signed for one address; no object of B",
    "account_reset_password_from_key": "a password-reset key, signed for one account; no object of B",
    "oversight:topic_work": "the monthly topic is the street's, which both communities share; no object of B",
}

# url name → the model whose B row its <pk> names
PK_MODELS = {
    "halls:hall": halls.Hall,
    "halls:topic_new": halls.Hall,
    "halls:topic": halls.Topic,
    "halls:topic_cosign": halls.Topic,
    "halls:topic_follow": halls.Topic,
    "halls:comment_post": halls.Topic,
    "halls:objection_file": halls.Topic,
    "halls:review_decide": halls.Topic,
    "halls:comment_flag": halls.Comment,
    "halls:comment_delete": halls.Comment,
    "halls:comment_hide": halls.Comment,
    "halls:vote": halls.Vote,
    "halls:vote_cast": halls.Vote,
    "halls:meeting_attachment": halls.MeetingAttachment,
    "halls:objection_answer": halls.Objection,
    "halls:task_report": halls.Task,
    "halls:task_rate": halls.Task,
    "organizations:organization": orgs.Organization,
    "organizations:join": orgs.Organization,
    "organizations:members": orgs.Organization,
    "organizations:publish": orgs.Organization,
    "organizations:campaign": orgs.Campaign,
    "organizations:claim": orgs.Campaign,
    "organizations:station": orgs.Campaign,
    "organizations:campaign_confirm": orgs.Campaign,
    "oversight:warning_act": EarlyWarning,
    "oversight:ledger_sent": LedgerSent,
    "api:token-revoke": "token",
    "api:place": Place,
    "api:board": Board,
    "api:board-replace": Board,
    "api:hall": halls.Hall,
    "api:organization": orgs.Organization,
    "inspections:inspect": inspections.Assignment,
    "inspections:round": inspections.Round,
    "inspections:notice": inspections.Notice,
    "inspections:notice_print": inspections.Notice,
}
PK_PREFIXES = {
    "halls:meeting": halls.Meeting,
    "halls:minutes": halls.Meeting,
    "organizations:activit": orgs.Activity,
    "organizations:signup": orgs.Activity,
    "organizations:cancel": orgs.Activity,
    "organizations:code": orgs.Activity,
    "organizations:check_in": orgs.Activity,
    "organizations:attendance": orgs.Activity,
    "api:topic": halls.Topic,
    "api:vote": halls.Vote,
    "api:meeting": halls.Meeting,
    "api:activit": orgs.Activity,
}
ID_MODELS = {
    "household_id": Place,
    "board_id": Board,
    "sheet_id": BoardSheet,
    "report_id": Report,
    "unit_id": JoinedUnit,
    "vote_id": halls.Vote,
    "id": "user",
}


@dataclass(frozen=True)
class Route:
    name: str
    arguments: tuple[str, ...]

    @property
    def is_admin(self) -> bool:
        return self.name.startswith("admin:")

    @property
    def is_api(self) -> bool:
        return self.name.startswith("api:")


def routes() -> list[Route]:
    """Every named URL pattern of the project, the admin's and the API's included."""
    found = {}
    for name, pattern in _walk(get_resolver()):
        found.setdefault(name, Route(name, tuple(pattern.regex.groupindex)))
    return list(found.values())


def _walk(resolver: URLResolver, namespace: str = "") -> Iterator[tuple[str, object]]:
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = namespace + (f"{entry.namespace}:" if entry.namespace else "")
            for name, pattern in _walk(entry, inner):
                yield name, _Joined(entry.pattern, pattern)
        elif isinstance(entry, URLPattern):
            yield namespace + (entry.name or ""), entry.pattern


class _Joined:
    """A pattern's arguments together with those of the includes above it."""

    def __init__(self, outer, inner):
        self.regex = _Groups({**outer.regex.groupindex, **inner.regex.groupindex})


@dataclass(frozen=True)
class _Groups:
    groupindex: dict


class UnknownArgument(Exception):
    pass


def b_object(world: SweepWorld, model):
    """B's first row of `model`, or any row of a model no community owns."""
    if model is Place:
        return world.b.place
    rows = model._base_manager.order_by("pk")
    if model._meta.label in world.b_rows:
        rows = rows.filter(pk__in=world.b_rows[model._meta.label])
    return rows.first() or model(pk=1)


def admin_model(name: str):
    for model in admin.site._registry:
        if name.startswith(f"admin:{model._meta.app_label}_{model._meta.model_name}_"):
            return model
    return None


def fill(route: Route, world: SweepWorld) -> dict[str, str]:
    """B's values for every argument of `route`; UnknownArgument for an argument no filler knows."""
    return {argument: str(_filler(argument, route)(world)) for argument in route.arguments}


def _filler(argument: str, route: Route) -> Callable[[SweepWorld], object]:
    b = lambda model: lambda world: b_object(world, model).pk  # noqa: E731
    name = route.name
    simple = {
        "format": lambda world: "json",
        "tracking_number": lambda world: world.b.report.tracking_number,
        "request_id": lambda world: world.b.report.tracking_number,
        "code": lambda world: world.b.report.category.code,
        "tier": lambda world: world.b.tier.pk,
        "step": lambda world: "suspend",
        "action": lambda world: "accept",
        "part": lambda world: "summoned",
        "app_label": lambda world: "halls",
        "path": lambda world: world.b.report.photos.order_by("pk")[0].image.name,
        "content_type_id": lambda world: ContentType.objects.get_for_model(Report).pk,
    }
    if argument in simple:
        return simple[argument]
    if argument == "token":
        return {
            "reports:scan": lambda world: world.b.board.token,
            "reports:follow": lambda world: world.b.report.follow_token,
            "api:open311-token": lambda world: world.b.report.submission_key,
        }.get(name, _unknown(argument, name))
    if argument == "household_id":
        return lambda world: world.b.households[2].pk
    if argument == "id" and ID_MODELS.get(argument) == "user":
        return lambda world: world.b.people["resident"].pk
    if argument in ID_MODELS:
        return b(ID_MODELS[argument])
    if argument in ("pk", "object_id"):
        model = (admin_model(name) or Report) if route.is_admin else _pk_model(name)
        if model == "token":
            return lambda world: world.b.token.prefix
        if model is not None:
            return b(model)
    return _unknown(argument, name)


def _pk_model(name: str):
    if name in PK_MODELS:
        return PK_MODELS[name]
    return next((model for prefix, model in PK_PREFIXES.items() if name.startswith(prefix)), None)


def _unknown(argument: str, name: str):
    def refuse(world):
        raise UnknownArgument(f"{name}: no filler knows <{argument}>")

    return refuse


def url_of(route: Route, world: SweepWorld) -> str:
    return reverse(route.name, kwargs=fill(route, world))


def admin_change_data(obj) -> dict:
    """The object's own values with every text field rewritten: what a change form would post."""
    data = {k: v for k, v in model_to_dict(obj).items() if v is not None and not hasattr(v, "read")}
    for key, value in list(data.items()):
        if isinstance(value, str) and value.startswith(MARKER):
            data[key] = "SWEEP-A-CHANGED"
        elif isinstance(value, list):
            data[key] = [getattr(item, "pk", item) for item in value]
    return data
