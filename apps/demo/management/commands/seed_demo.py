import time
import unicodedata

from django.core.management.base import BaseCommand, CommandError

from apps.accounts.models import Residency, User
from apps.demo.builder import DemoConflict, seed_demo
from apps.demo.inspections import inspection_personas
from apps.demo.plan import FULL, PASSWORD, SMALL, USERNAME_PREFIX
from apps.demo.selectors import Persona, demo_personas, kind_label, place_counts
from apps.places.models import Place, PlaceKind
from apps.places.selectors import management_coverage

SHOWN_PER_KIND = 12  # a kind with more people shows its first few and the range of their numbers
SHOWN_OF_MANY = 3


class Command(BaseCommand):
    help = "Build the demo street 通州区 · 中仓街道 with its people; when it exists, list who can sign in."

    def add_arguments(self, parser):
        parser.add_argument(
            "--small", action="store_true", help="a street of under two hundred households, for tests"
        )

    def handle(self, *args, small: bool = False, **options):
        started = time.monotonic()
        try:
            seeded = seed_demo(size=SMALL if small else FULL)
        except DemoConflict as conflict:
            raise CommandError(str(conflict)) from conflict
        if seeded.created:
            took = time.monotonic() - started
            self.stdout.write(self.style.SUCCESS(f"Built the demo street in {took:.1f} s."))
        else:
            self.stdout.write("The demo street exists already; nothing was changed.")
        self.stdout.write(self._summary(seeded.street))
        self.stdout.write(f"Every persona signs in with their mobile number and the password {PASSWORD}.\n")
        self.stdout.write(_table(demo_personas()))
        self.stdout.write(_civility(seeded.street))

    def _summary(self, street: Place) -> str:
        counts = place_counts(street)
        coverage = management_coverage(within=street)
        people = User.objects.filter(username__startswith=USERNAME_PREFIX).count()
        verified = Residency.objects.filter(
            household__path__startswith=street.path, status=Residency.Status.VERIFIED
        ).count()
        places = ", ".join(
            f"{counts.get(kind, 0):,} {plural}"
            for kind, plural in [
                (PlaceKind.COMMUNITY, "communities"),
                (PlaceKind.COMPOUND, "compounds"),
                (PlaceKind.BUILDING, "buildings"),
                (PlaceKind.UNIT, "units"),
                (PlaceKind.HOUSEHOLD, "households"),
            ]
        )
        return (
            f"{street.name} ({street.code}): {places}; "
            f"{coverage.covered} of {coverage.total} compounds in a property-management unit "
            f"({coverage.rate:.0%}); {people} people, {verified} verified residencies."
        )


def _table(personas: list[Persona]) -> str:
    header = ("Role", "Name", "Mobile", "Password", "Scope")
    rows = []
    for kind in dict.fromkeys(p.kind for p in personas):
        group = [p for p in personas if p.kind == kind]
        shown = group if len(group) <= SHOWN_PER_KIND else group[:SHOWN_OF_MANY]
        rows += [(kind_label(kind), p.name, p.phone, PASSWORD, p.scope) for p in shown]
        if len(shown) < len(group):
            rest = group[len(shown) :]
            phones = sorted(p.phone for p in rest)
            rows.append(("", "…", f"{len(rest)} more", "", f"{phones[0]} – {phones[-1]}"))
    widths = [max(_width(row[i]) for row in [header, *rows]) for i in range(len(header) - 1)]
    lines = [header, (*("-" * w for w in widths), "-----"), *rows]
    return "\n".join(
        "  ".join(_pad(cell, w) for cell, w in zip(line[:-1], widths, strict=True)) + "  " + line[-1]
        for line in lines
    )


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def _civility(street: Place) -> str:
    """Who walks the 文明数治 chain: an inspector on the phone page, the unit's responder to notices."""
    found = inspection_personas(street)
    lines = [f"\n文明数治: {found['rounds']} rounds."]
    if found["inspector"]:
        who = found["inspector"]
        lines.append(f"  inspector {who.display_name} {who.phone}: /inspections/today/")
    if found["responder"]:
        who = found["responder"]
        lines.append(
            f"  unit's responder {who.display_name} {who.phone}: /inspections/notices/, "
            "/oversight/ledger/sent/"
        )
    return "\n".join(lines) + "\n"
