"""Categories suggested from a resident's words: a character n-gram model learnt from the catalogue,
the complaints in data/suggest_train.tsv and each street's reports that staff confirmed or corrected.
Residents write Chinese whatever language their page is in, so the model learns the catalogue's Chinese
columns, never the active language's."""

import hashlib
import pickle
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db.models import Q
from modeltranslation.utils import build_localized_fieldname, get_language

from apps.places.models import Place, PlaceKind, depth_of

from .lifecycle import Status
from .models import Report
from .selectors import offered_categories

TRAINING_FILE = Path(__file__).parent / "data" / "suggest_train.tsv"
MAX_SUGGESTIONS = 5
MODEL_TEXT = 300  # the model reads the beginning of a long text: a complaint says what it is early
STREET_REPORTS = 5000  # the street's newest confirmed or corrected reports it learns from
STREET_MIN_REPORTS = 20  # fewer teach a street model nothing the shared one does not know
CACHE_TTL = 60 * 60 * 36  # the nightly relearning replaces it well before
PROCESS_TTL = 300.0  # how long a process trusts its copy before looking for a relearnt one
CONFIRMED = (Status.RESOLVED, Status.REVIEWED, Status.RATED, Status.CLOSED)
MODEL_FORMAT = 2  # a model saved in an older shape is never loaded: it is learnt again

_memo: dict[str, tuple[float, "Model"]] = {}
_lock = threading.Lock()


@dataclass(frozen=True)
class Suggestion:
    code: str
    name: str
    score: float


@dataclass(frozen=True)
class Model:
    fingerprint: str
    pipeline: object  # a fitted scikit-learn Pipeline
    names: dict[str, dict[str, str]]  # {language: {code: name}}, Chinese where there is no translation

    def name_of(self, code: str) -> str:
        return self.names.get(get_language(), self.names[settings.LANGUAGE_CODE])[code]


def categories_suggest(*, text: str, place: Place | None = None, limit: int = MAX_SUGGESTIONS):
    """The categories best matching the text, best first, with the model's probability."""
    text = text.strip()[:MODEL_TEXT]
    if not text:
        return []
    model = (_street_model(place) if place is not None else None) or _base_model()
    if model is None:
        return []
    scores = model.pipeline.predict_proba([text])[0]
    ranked = sorted(zip(model.pipeline.classes_, scores, strict=True), key=lambda pair: -pair[1])
    return [
        Suggestion(str(code), model.name_of(code), round(float(score), 4)) for code, score in ranked[:limit]
    ]


def suggestions_offered(*, text: str, place: Place | None, offered, limit: int = 3) -> list:
    """The best suggestions among the categories a page offers, as those categories: one retired
    since the model learnt, or not offered there, is never suggested."""
    by_code = {category.code: category for category in offered}
    ranked = categories_suggest(text=text, place=place)
    return [by_code[s.code] for s in ranked if s.code in by_code][:limit]


def catalogue_examples() -> list[tuple[str, str]]:
    """(text, category code) pairs from the offered categories and the written complaints."""
    examples, codes = [], set()
    chinese = offered_categories().values_list("code", "name_zh_hans", "guidance_zh_hans", "keywords")
    for code, name, guidance, keywords in chinese.order_by("code"):
        codes.add(code)
        words = [word for word in keywords.split(",") if word]
        examples += [(name or "", code), (" ".join([name or "", *words]), code)]
        examples += [(word, code) for word in words]
        examples += [(s, code) for s in (guidance or "").split("。") if s.strip()]
    lines = TRAINING_FILE.read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines if line.strip()]
    return examples + [(text, code) for text, code in rows if code in codes]


def street_examples(street: Place) -> list[tuple[str, str]]:
    """The street's reports whose category was confirmed by handling them, or corrected by staff."""
    reports = (
        Report.objects.filter(community__path__startswith=street.path)
        .filter(Q(status__in=CONFIRMED) | Q(submitted_category__isnull=False))
        .filter(category__in=offered_categories())
        .order_by("-created_at")
        .values_list("description", "category__code")[:STREET_REPORTS]
    )
    return [(description[:MODEL_TEXT], code) for description, code in reports]


def model_train(examples: list[tuple[str, str]]) -> Model | None:
    """None when there is nothing to choose between (fewer than two categories)."""
    if len({code for _, code in examples}) < 2:
        return None
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import SGDClassifier
    from sklearn.pipeline import make_pipeline

    # characters and their pairs: with triples the model learnt the written complaints' phrasing
    # rather than their words, and did worse on complaints it had not seen (benchmarks/suggest.py)
    pipeline = make_pipeline(
        TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 2), sublinear_tf=True),
        SGDClassifier(loss="log_loss", alpha=1e-4, max_iter=50, tol=1e-4, random_state=0),
    )
    pipeline.fit([text for text, _ in examples], [code for _, code in examples])
    return Model(fingerprint(examples), pipeline, names_in_each_language())


def names_in_each_language() -> dict[str, dict[str, str]]:
    columns = {language: build_localized_fieldname("name", language) for language, _ in settings.LANGUAGES}
    rows = offered_categories().values("code", *columns.values())
    chinese = columns[settings.LANGUAGE_CODE]
    return {
        language: {row["code"]: row[column] or row[chinese] for row in rows}
        for language, column in columns.items()
    }


def fingerprint(examples: list[tuple[str, str]]) -> str:
    import sklearn

    digest = hashlib.sha256(f"{sklearn.__version__} {MODEL_FORMAT}".encode())
    for text, code in examples:
        digest.update(f"{text}\t{code}\n".encode())
    return digest.hexdigest()[:32]


def suggestion_models_relearn() -> int:
    """Train the shared model and each street's own; returns how many street models were kept."""
    _store(model_train(catalogue_examples()), key=_key(None))
    kept = 0
    for street in Place.objects.filter(kind=PlaceKind.STREET):
        own = street_examples(street)
        if len(own) < STREET_MIN_REPORTS:
            cache.delete(_key(street.path))
            continue
        _store(model_train(catalogue_examples() + own), key=_key(street.path))
        kept += 1
    _memo.clear()
    return kept


def _key(street_path: str | None) -> str:
    return f"reports:suggest-model:{MODEL_FORMAT}:{street_path or 'catalogue'}"


def _store(model: Model | None, *, key: str) -> None:
    cache.set(key, model, CACHE_TTL)
    if model is not None and key == _key(None):
        path = _disk_path(model.fingerprint)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pickle.dumps(model))


def _disk_path(fingerprint: str) -> Path:
    """In the project's own directory, never a shared one: a pickle is code to whoever can write it."""
    return Path(settings.SUGGEST_MODEL_DIR) / f"suggest-{fingerprint}.pickle"


def _street_model(place: Place) -> Model | None:
    if place.depth < depth_of(PlaceKind.STREET):
        return None
    return _remembered(_key(place.ancestor_path(PlaceKind.STREET)), _from_cache)


def _base_model() -> Model | None:
    return _remembered(_key(None), _load_or_train_base)


def _remembered(key: str, load) -> Model | None:
    """The process's copy for PROCESS_TTL seconds, then loaded again (a relearnt one may be there)."""
    now = time.monotonic()
    held = _memo.get(key)
    if held and now - held[0] < PROCESS_TTL:
        return held[1]
    with _lock:
        model = load(key)
        if model is not None:
            _memo[key] = (now, model)
        else:
            _memo.pop(key, None)
    return model


def _from_cache(key: str) -> Model | None:
    return cache.get(key)


def _load_or_train_base(key: str) -> Model | None:
    """From the shared cache, else from this machine's disk, else trained now (about a second)."""
    examples = catalogue_examples()
    current = fingerprint(examples)
    model = _from_cache(key)
    if model is not None and model.fingerprint == current:
        return model
    path = _disk_path(current)
    if path.exists():
        model = pickle.loads(path.read_bytes())
        cache.set(key, model, CACHE_TTL)
        return model
    model = model_train(examples)
    _store(model, key=key)
    return model
