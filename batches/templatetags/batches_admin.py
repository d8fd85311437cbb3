"""Display filters for the batch admin pages."""

from django import template

register = template.Library()


@register.filter
def pct(ratio, digits: int = 1) -> str:
    """0.9499 -> '95.0%' (one decimal, so a value just under a threshold never reads as equal)."""
    if ratio is None or ratio == "":
        return "–"
    try:
        return f"{100 * float(ratio):.{int(digits)}f}%"
    except (TypeError, ValueError):
        return "–"
