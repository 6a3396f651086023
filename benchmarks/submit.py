"""
Measure a resident's submission with four phone photos: POST /s/<token>/ as the scan page sends it.

    python benchmarks/submit.py [--runs 10] [--photos 4] [--database-url URL]

A throwaway SQLite database (or --database-url) is migrated and given the small demo street.
Four 4000×3000 JPEGs of 3–5 MB, like a phone's, are made once with Pillow (a smooth scene under
sensor noise, so they do not compress to nothing) and kept in the temporary directory. Each run
posts them with a new submission key to another board through Django's test client; the
multipart body is encoded before the clock starts. The request checks the photos (accept_photo,
timed inside the same requests) and keeps them for a worker; Celery gets an in-memory broker, so
the request only queues their cleaning and its announcements, as it would with Redis. The
worker's part, re-encoding each report's photos (photo_uploads_clean), is then timed on its own.
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script: import from the project

PHOTO_SIZE = (4000, 3000)
PHOTO_CACHE = Path(tempfile.gettempdir()) / "gongzhi-bench-photos"
BOUNDARY = "GongzhiSubmitBenchmark"  # not the test client's own, so that it sends the body as it is
MULTIPART = f"multipart/form-data; boundary={BOUNDARY}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--photos", type=int, default=4)
    parser.add_argument("--database-url", help="default: a temporary SQLite file")
    args = parser.parse_args()

    photos = phone_photos(args.photos)
    with tempfile.TemporaryDirectory() as scratch:
        os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{scratch}/submit.sqlite3"
        os.environ["DJANGO_MEDIA_ROOT"] = f"{scratch}/media"
        os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.local"
        os.environ["DJANGO_DEBUG"] = "0"
        os.environ["CELERY_BROKER_URL"] = "memory://"
        os.environ["CELERY_RESULT_BACKEND"] = "cache+memory://"
        os.environ["REPORT_RATE_PER_ADDRESS"] = "10000/h"
        import django

        django.setup()
        run(args, photos)


def phone_photos(count: int) -> list[Path]:
    """JPEGs as a phone takes them: 12 megapixels, quality 92, a few MB each; made once, then reused."""
    from PIL import Image

    PHOTO_CACHE.mkdir(exist_ok=True)
    paths = []
    for number in range(count):
        path = PHOTO_CACHE / f"phone-{number + 1}.jpg"
        if not path.exists():
            rng = random.Random(number)
            scene = Image.frombytes("RGB", (64, 48), rng.randbytes(64 * 48 * 3))
            scene = scene.resize(PHOTO_SIZE, Image.Resampling.BICUBIC)
            grain = Image.merge("RGB", [Image.effect_noise(PHOTO_SIZE, rng.uniform(40, 55)) for _ in "RGB"])
            photo = Image.blend(scene, grain, rng.uniform(0.15, 0.2))
            exif = Image.Exif()
            exif.update({0x010F: "Apple", 0x0110: "iPhone 13", 0x0112: 6 if number == 0 else 1})
            photo.save(path, "JPEG", quality=92, exif=exif.tobytes())
        paths.append(path)
    return paths


def run(args, photos: list[Path]) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.test import Client
    from django.test.client import encode_multipart

    from apps.core.photo_fields import AcceptedPhotosMixin
    from apps.core.photos import accept_photo, process_photo
    from apps.demo.builder import seed_demo
    from apps.demo.plan import SMALL
    from apps.reports.models import Board, Photo, PhotoUpload, Report
    from apps.reports.photo_uploads import photo_uploads_clean
    from apps.reports.selectors import categories_for_place

    call_command("migrate", verbosity=0)
    seed_demo(size=SMALL)
    boards = list(Board.objects.select_related("place").order_by("pk"))
    contents = [(path.name, path.read_bytes()) for path in photos]
    megabytes = sum(len(data) for _, data in contents) / 1e6
    print(f"{len(contents)} photos of {PHOTO_SIZE[0]}×{PHOTO_SIZE[1]}, {megabytes:.1f} MB in all")

    spent: list[float] = []

    def timed_accept_photo(upload):
        started = time.perf_counter()
        try:
            return accept_photo(upload)
        finally:
            spent.append(time.perf_counter() - started)

    AcceptedPhotosMixin.photo_cleaning = staticmethod(timed_accept_photo)
    client = Client()
    walls, photo_times = [], []
    for number in range(args.runs + 1):  # the first request warms up imports, templates and caches
        board = boards[number % len(boards)]
        client.get(f"/s/{board.token}/")
        category = categories_for_place(board.place)[0]
        data = {
            "submission_key": str(uuid.uuid4()),
            "category": str(category.pk),
            "description": "楼道里堆了很多纸箱和旧家具，已经一个多星期了，有火灾隐患。",
            "contact_phone": "13912345678",
            "photos": [SimpleUploadedFile(name, data, "image/jpeg") for name, data in contents],
        }
        body = encode_multipart(BOUNDARY, data)
        spent.clear()
        started = time.perf_counter()
        response = client.post(f"/s/{board.token}/", data=body, content_type=MULTIPART)
        wall = time.perf_counter() - started
        if response.status_code != 302:
            raise SystemExit(
                f"The submission was refused ({response.status_code}):\n{response.content[:2000]!r}"
            )
        if number:
            walls.append(wall)
            photo_times.append(sum(spent))

    summary("request, wall time", walls)
    summary("of which accept_photo", photo_times)
    rest = statistics.median(walls) - statistics.median(photo_times)
    print(f"{'':11}the rest (upload parsing, form, storage, database): {rest:.3f} s median")

    cleanings = []
    for event_id in PhotoUpload.objects.order_by().values_list("event_id", flat=True).distinct():
        started = time.perf_counter()
        photo_uploads_clean(event_id=event_id)
        cleanings.append(time.perf_counter() - started)
    reports = Report.objects.filter(source=Report.Source.QR, photos__isnull=False).distinct().count()
    print(f"{reports} reports with {Photo.objects.count()} photos written by the cleaning")
    summary("the worker's cleaning of a report's photos", cleanings)

    alone = []
    for name, data in contents:
        upload = SimpleUploadedFile(name, data, "image/jpeg")
        started = time.perf_counter()
        processed = process_photo(upload)
        alone.append(time.perf_counter() - started)
        print(
            f"{alone[-1]:8.3f} s  process_photo({name}, {len(data) / 1e6:.1f} MB) alone → "
            f"{processed.width}×{processed.height}, {processed.image.size / 1e3:.0f} kB + "
            f"{processed.thumbnail.size / 1e3:.0f} kB thumbnail"
        )


def summary(what: str, values: list[float]) -> None:
    p90 = statistics.quantiles(values, n=10, method="inclusive")[-1]
    print(f"{statistics.median(values):8.3f} s  {what}: median (p90 {p90:.3f} s, n={len(values)})")


if __name__ == "__main__":
    main()
