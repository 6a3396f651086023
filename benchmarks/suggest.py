"""
Measure the category suggestions: top-1 and top-3 accuracy on the evaluation complaints
(apps/reports/data/suggest_eval.tsv, never trained on) and cross-validated on the written training
complaints (5 folds, each learnt without one fifth of them and asked about it), the time to train,
to load the trained model in a new process, and the latency of one suggestion in process (p50, p95).

    python benchmarks/suggest.py [--runs 1000]

A throwaway SQLite database is migrated and given the catalogue; nothing else is needed.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script: import from the project
EVAL_FILE = ROOT / "apps" / "reports" / "data" / "suggest_eval.tsv"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=1000)
    parser.add_argument("--cold", action="store_true", help=argparse.SUPPRESS)  # the child process
    args = parser.parse_args()
    if args.cold:
        return cold_call()
    with tempfile.TemporaryDirectory() as scratch:
        os.environ["DATABASE_URL"] = f"sqlite:///{scratch}/suggest.sqlite3"
        os.environ["SUGGEST_MODEL_DIR"] = f"{scratch}/models"
        os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.local"
        import django

        django.setup()
        run(args)


def run(args) -> None:
    from django.core.management import call_command

    from apps.reports import suggestions
    from apps.reports.categories import categories_load

    call_command("migrate", verbosity=0)
    categories_load()
    started = time.perf_counter()
    suggestions.categories_suggest(text="楼道灯不亮")  # trains and keeps the model
    print(f"train (first call, no model anywhere): {time.perf_counter() - started:.2f} s")

    rows = [line.split("\t") for line in EVAL_FILE.read_text(encoding="utf-8").splitlines() if line]
    top1 = top3 = 0
    for text, code in rows:
        ranked = [s.code for s in suggestions.categories_suggest(text=text)]
        top1 += ranked[:1] == [code]
        top3 += code in ranked[:3]
    print(f"eval: {len(rows)} complaints, top-1 {top1 / len(rows):.1%}, top-3 {top3 / len(rows):.1%}")
    cross_validate(suggestions)

    texts = [text for text, _ in rows]
    times = []
    for number in range(args.runs):
        started = time.perf_counter()
        suggestions.categories_suggest(text=texts[number % len(texts)])
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    p95 = times[int(len(times) * 0.95)]
    print(f"latency over {args.runs} calls: p50 {statistics.median(times):.2f} ms, p95 {p95:.2f} ms")

    child = subprocess.run(
        [sys.executable, __file__, "--cold"], env=os.environ, capture_output=True, text=True, check=True
    )
    print(child.stdout.strip())


def cross_validate(suggestions, folds: int = 5) -> None:
    """The catalogue is always learnt; the written complaints are split into folds."""
    from sklearn.model_selection import StratifiedKFold

    lines = suggestions.TRAINING_FILE.read_text(encoding="utf-8").splitlines()
    written = [tuple(line.split("\t")) for line in lines if line.strip()]
    written_set = set(written)
    catalogue = [example for example in suggestions.catalogue_examples() if example not in written_set]
    codes = [code for _, code in written]
    top1 = top3 = 0
    for learnt, asked in StratifiedKFold(folds, shuffle=True, random_state=0).split(written, codes):
        model = suggestions.model_train(catalogue + [written[number] for number in learnt])
        probabilities = model.pipeline.predict_proba([written[number][0] for number in asked])
        for number, scores in zip(asked, probabilities, strict=True):
            ranked = [model.pipeline.classes_[index] for index in scores.argsort()[::-1][:3]]
            top1 += ranked[0] == codes[number]
            top3 += codes[number] in ranked
    count = len(written)
    print(f"cross-validated: {count} written complaints, {folds} folds, ", end="")
    print(f"top-1 {top1 / count:.1%}, top-3 {top3 / count:.1%}")


def cold_call() -> None:
    """A new process with the model on disk: the first suggestion loads it instead of training."""
    started = time.perf_counter()
    import django

    django.setup()
    from apps.reports.suggestions import categories_suggest

    ready = time.perf_counter()
    categories_suggest(text="电梯坏了")
    done = time.perf_counter()
    print(f"new process: django.setup {ready - started:.2f} s, first suggestion {done - ready:.2f} s")


if __name__ == "__main__":
    main()
