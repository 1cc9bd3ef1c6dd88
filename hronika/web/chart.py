"""The pair chart, drawn on the server as inline SVG: one bar per period from the zero line to the
period's mean score (up: cooperation, down: conflict), its count of events under it.  The page
runs no script and loads nothing; the template writes the shapes this module places, so every
label goes through the template's escaping."""
from __future__ import annotations

from typing import Any

WIDTH, HEIGHT = 720, 250
LEFT, RIGHT, TOP, BOTTOM = 36, 8, 10, 48  # margins: the scale's labels left, periods below


def bars(periods: list[dict[str, Any]], lo: float = -10, hi: float = 10) -> dict[str, Any]:
    """The geometry of the chart of ``periods`` (each with ``period``, ``events``, ``mean``)."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def y(v: float) -> float:
        return round(TOP + (hi - v) / (hi - lo) * plot_h, 1)

    n = max(len(periods), 1)
    step = plot_w / n
    every = max(1, -(-n // 8))  # at most eight period labels (they must fit a phone)
    out = []
    for i, p in enumerate(periods):
        x = LEFT + i * step
        mean = p["mean"]
        top, bottom = (y(max(mean, 0)), y(min(mean, 0))) if mean is not None else (y(0), y(0))
        out.append({
            "x": round(x + step * 0.15, 1), "w": round(max(step * 0.7, 1), 1), "y": top,
            "h": max(round(bottom - top, 1), 1.5 if mean is not None else 0), "mid": round(x + step / 2, 1),
            "kind": "none" if mean is None else "pos" if mean > 0 else "neg" if mean < 0 else "zero",
            "label": p["period"] if i % every == 0 else None, "count": p["events"] if n <= 40 else None,
            "period": p})
    return {"width": WIDTH, "height": HEIGHT, "left": LEFT, "right": WIDTH - RIGHT, "zero": y(0),
            "ticks": [{"value": v, "y": y(v)} for v in (hi, hi / 2, 0, lo / 2, lo)],
            "label_y": HEIGHT - BOTTOM + 40, "count_y": HEIGHT - BOTTOM + 18, "bars": out}
