"""Dashboard charts as inline SVG, drawn on the server with matplotlib.

Figures are built with the object API (``Figure``), not ``pyplot``: no global
state, so charts can be drawn in worker threads. Text stays text in the SVG
(``svg.fonttype = none``), which keeps the charts small and readable by tests
and screen readers.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import matplotlib

matplotlib.use("Agg")  # no display on a server
from matplotlib.axes import Axes  # noqa: E402  (after choosing the backend)
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

matplotlib.rcParams["svg.fonttype"] = "none"
matplotlib.rcParams["svg.hashsalt"] = "firstaid-console"  # stable element ids
COLOUR = "#2b6cb0"
ALARM = "#c53030"
WIDTH_IN, HEIGHT_IN = 6.4, 2.6


def _svg(figure: Figure, title: str) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    svg = buffer.getvalue()
    start = svg.find("<svg")
    # Inline in the page: drop the XML prolog, label the image for assistive tools.
    return svg[start:].replace("<svg", f'<svg role="img" aria-label="{_escape(title)}"', 1)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def _axes(title: str, height: float = HEIGHT_IN) -> tuple[Figure, Axes]:
    figure = Figure(figsize=(WIDTH_IN, height))
    axes: Axes = figure.subplots()
    axes.set_title(title, loc="left", fontsize=10)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.tick_params(labelsize=8)
    return figure, axes


def bars(
    title: str,
    labels: Sequence[str],
    values: Sequence[float],
    *,
    percent: bool = False,
    highlight: Sequence[float] | None = None,
    names: tuple[str, str] = ("", ""),
) -> str:
    """Vertical bars, e.g. queries per day or rates (``percent``: 0..1 shown as %).

    ``highlight``: a part of each bar drawn over it in red (emergencies among queries),
    with ``names`` for the legend.
    """
    figure, axes = _axes(title)
    shown = [v * 100 for v in values] if percent else list(values)
    axes.bar(range(len(labels)), shown, color=COLOUR, label=names[0])
    if highlight is not None:
        axes.bar(range(len(labels)), list(highlight), color=ALARM, label=names[1])
        axes.legend(fontsize=8, frameon=False)
    slanted = len(labels) > 8  # dates side by side would overlap
    axes.set_xticks(
        range(len(labels)),
        labels,
        rotation=45 if slanted else 0,
        ha="right" if slanted else "center",
    )
    if not percent:
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))  # counts: no 2.5 queries
    else:
        axes.set_ylim(0, 100)
        axes.set_ylabel("%", fontsize=8)
    return _svg(figure, title)


def ranking(title: str, rows: Sequence[tuple[str, int]]) -> str:
    """Horizontal bars, largest on top: top topics, most corrected topics."""
    height = max(1.4, 0.3 * len(rows) + 0.8)
    figure, axes = _axes(title, height)
    names = [name for name, _ in rows][::-1]
    counts = [count for _, count in rows][::-1]
    axes.barh(names, counts, color=COLOUR)
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    if not rows:
        axes.set_axis_off()
        axes.text(0.5, 0.5, "none in this range", ha="center", transform=axes.transAxes)
    return _svg(figure, title)
