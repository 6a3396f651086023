from django import template

register = template.Library()


@register.filter
def percent(value) -> str:
    """0.875 → '87.5%'; an unknown rate (nothing to count) → '—'."""
    if value is None:
        return "—"
    return f"{value * 100:.1f}%"
