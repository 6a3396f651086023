"""
Charts as server-rendered SVG: no script, no outside server. Each chart carries a title and a
description for screen readers, and every mark its own <title>; the pages put a table beside it.
"""

import math
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH, HEIGHT, MARGIN = 640, 220, 36
GREY = "#59636e"
SERIES_COLOURS = ["#c0392b", "#0a58ca", "#1a7f37"]


def _frame(title: str, description: str, body: list[str], *, width=WIDTH, height=HEIGHT) -> SafeString:
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'style="width:100%;height:auto" aria-label="{escape(title)}">'
        f"<title>{escape(title)}</title><desc>{escape(description)}</desc>{''.join(body)}</svg>"
    )


def bar_chart(points: list[tuple[str, int]], *, title: str, description: str = "") -> SafeString:
    """One bar per (label, value), labels under every few bars."""
    top = max([value for _, value in points] + [1])
    inner_w, inner_h = WIDTH - 2 * MARGIN, HEIGHT - 2 * MARGIN
    step = inner_w / max(len(points), 1)
    every = max(1, math.ceil(len(points) / 8))
    body = [_axis(top, inner_h)]
    for index, (label, value) in enumerate(points):
        h = inner_h * value / top
        x = MARGIN + index * step
        body.append(
            f'<rect x="{x + step * 0.1:.1f}" y="{MARGIN + inner_h - h:.1f}" width="{step * 0.8:.1f}" '
            f'height="{h:.1f}" fill="#c0392b"><title>{escape(label)}: {value}</title></rect>'
        )
        if index % every == 0:
            body.append(_label(x + step / 2, HEIGHT - MARGIN + 14, label))
    return _frame(title, description, body)


def line_chart(
    labels: list[str], series: dict[str, list[float | None]], *, title: str, description: str = ""
) -> SafeString:
    """Rates (0–1) over time, one line per series; a gap where a value is unknown."""
    inner_w, inner_h = WIDTH - 2 * MARGIN, HEIGHT - 2 * MARGIN
    step = inner_w / max(len(labels) - 1, 1)
    every = max(1, math.ceil(len(labels) / 8))
    body = [_axis(1, inner_h, percent=True)]
    for (name, values), colour in zip(series.items(), SERIES_COLOURS, strict=False):
        points = [
            (MARGIN + i * step, MARGIN + inner_h * (1 - v), labels[i], v)
            for i, v in enumerate(values)
            if v is not None
        ]
        if len(points) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _, _ in points)
            body.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
        body += [
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour}">'
            f"<title>{escape(name)} {escape(label)}: {v:.0%}</title></circle>"
            for x, y, label, v in points
        ]
    for index, label in enumerate(labels):
        if index % every == 0:
            body.append(_label(MARGIN + index * step, HEIGHT - MARGIN + 14, label))
    legend = [
        f'<text x="{MARGIN + 150 * i}" y="14" font-size="12" fill="{colour}">■ {escape(name)}</text>'
        for i, (name, colour) in enumerate(zip(series, SERIES_COLOURS, strict=False))
    ]
    return _frame(title, description, body + legend)


def _axis(top: float, inner_h: float, *, percent: bool = False) -> str:
    lines = []
    for fraction in (0, 0.5, 1):
        y = MARGIN + inner_h * (1 - fraction)
        text = f"{fraction:.0%}" if percent else f"{top * fraction:.0f}"
        lines.append(
            f'<line x1="{MARGIN}" x2="{WIDTH - MARGIN}" y1="{y:.1f}" y2="{y:.1f}" stroke="#d0d7de"/>'
            f'<text x="{MARGIN - 4}" y="{y + 4:.1f}" font-size="11" text-anchor="end" fill="{GREY}">'
            f"{text}</text>"
        )
    return "".join(lines)


def _label(x: float, y: float, text: str) -> str:
    anchor = f'x="{x:.1f}" y="{y:.1f}" font-size="11" text-anchor="middle"'
    return f'<text {anchor} fill="{GREY}">{escape(text)}</text>'


@dataclass(frozen=True)
class Spot:
    """A place on the map: its coordinates, what it is called, how many reports, where they lead."""

    latitude: float
    longitude: float
    label: str
    count: int
    url: str
    group: str = ""
    detail: str = ""


MAP_SIZE = 640
MAP_PAD = 40
HEAT = ["#fde0c5", "#f9a66c", "#f26b38", "#c0392b", "#7b1d12"]


def heat_map(spots: list[Spot], *, title: str, description: str = "") -> SafeString:
    """Circles at the places' own coordinates, area and colour by count, over outlines of their groups
    (the communities) drawn from the same coordinates: no tile server needed."""
    located = [s for s in spots if s.latitude is not None and s.longitude is not None]
    if not located:
        return _frame(title, description, [], width=MAP_SIZE, height=MAP_SIZE // 2)
    project = _projection(located)
    top = max([s.count for s in located] + [1])
    body = [_outlines(located, project)]
    circles = []
    for spot in sorted(located, key=lambda s: s.count):
        x, y = project(spot)
        radius = 4 + 22 * math.sqrt(spot.count / top)
        colour = (
            HEAT[min(len(HEAT) - 1, int(len(HEAT) * spot.count / (top + 1)))] if spot.count else "#d0d7de"
        )
        body.append(
            f'<a href="{escape(spot.url)}"><circle cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}" '
            f'fill="{colour}" fill-opacity="0.8" stroke="#fff">'
            f"<title>{escape(spot.label)}: {spot.count}</title></circle></a>"
        )
        circles.append((spot, x, y, radius))
    for spot, (x, y) in place_labels(circles):
        body.append(
            f'<text x="{x:.1f}" y="{y:.1f}" font-size="{LABEL_SIZE}" text-anchor="middle" '
            f'fill="#1f2328">{escape(spot.label)}</text>'
        )
    return _frame(title, description, body, width=MAP_SIZE, height=MAP_SIZE)


LABEL_SIZE = 10


def place_labels(circles: list[tuple[Spot, float, float, float]]) -> list[tuple[Spot, tuple[float, float]]]:
    """Where each circle's label goes (x, baseline y, centred): below the circle, else above, right or
    left; a label that fits nowhere clear of the others is left out (the circle's title and the table
    beside the map still name it). The places with most reports are labelled first."""
    placed: list[tuple[float, float, float, float]] = []
    labels = []
    for spot, x, y, radius in sorted(circles, key=lambda c: -c[0].count):
        width = _text_width(spot.label)
        for lx, ly in (
            (x, y + radius + LABEL_SIZE + 1),
            (x, y - radius - 3),
            (x + radius + 3 + width / 2, y + LABEL_SIZE / 2 - 1),
            (x - radius - 3 - width / 2, y + LABEL_SIZE / 2 - 1),
        ):
            box = (lx - width / 2, ly - LABEL_SIZE, lx + width / 2, ly + 2)
            if box[0] >= 0 and box[2] <= MAP_SIZE and not any(_overlap(box, other) for other in placed):
                placed.append(box)
                labels.append((spot, (lx, ly)))
                break
    return labels


def _text_width(text: str) -> float:
    """A label's width at LABEL_SIZE: Chinese characters are square, Latin ones about half as wide."""
    return sum(LABEL_SIZE if ord(char) > 0x2E80 else LABEL_SIZE * 0.6 for char in text)


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _projection(spots: list[Spot]):
    lats = [float(s.latitude) for s in spots]
    lons = [float(s.longitude) for s in spots]
    squash = math.cos(math.radians(sum(lats) / len(lats)))
    span = max((max(lons) - min(lons)) * squash, max(lats) - min(lats), 1e-4)
    scale = (MAP_SIZE - 2 * MAP_PAD) / span
    west, north = min(lons), max(lats)

    def project(spot: Spot) -> tuple[float, float]:
        return (
            MAP_PAD + (float(spot.longitude) - west) * squash * scale,
            MAP_PAD + (north - float(spot.latitude)) * scale,
        )

    return project


def _outlines(spots: list[Spot], project) -> str:
    groups: dict[str, list[tuple[float, float]]] = {}
    for spot in spots:
        groups.setdefault(spot.group, []).append(project(spot))
    shapes = []
    for name, points in groups.items():
        hull = _hull(points)
        cx = sum(x for x, _ in hull) / len(hull)
        cy = sum(y for _, y in hull) / len(hull)
        padded = [
            (x + (x - cx) * 0.15 + (12 if x >= cx else -12), y + (y - cy) * 0.15 + (12 if y >= cy else -12))
            for x, y in hull
        ]
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in padded)
        shapes.append(
            f'<polygon points="{path}" fill="#f6f8fa" stroke="#59636e" stroke-dasharray="4 3">'
            f"<title>{escape(name)}</title></polygon>"
            f'<text x="{cx:.1f}" y="{min(y for _, y in padded) - 4:.1f}" font-size="12" text-anchor="middle" '
            f'fill="#59636e">{escape(name)}</text>'
        )
    return "".join(shapes)


def _hull(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The convex hull (monotone chain); a single point or a line gets a small square around it."""
    unique = sorted(set(points))
    if len(unique) < 3:
        x, y = unique[0]
        return [(x - 10, y - 10), (x + 10, y - 10), (x + 10, y + 10), (x - 10, y + 10)]

    def cross(o, a, b):
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower, upper = [], []
    for p in unique:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    for p in reversed(unique):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return lower[:-1] + upper[:-1]
