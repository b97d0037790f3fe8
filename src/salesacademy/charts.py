"""Charts shared by lessons, cases and reports.

Chinese labels need a CJK font; without one matplotlib draws empty boxes.
`make` installs Noto Sans CJK from the OS packages, and `use_cjk_font` puts
the first CJK font it finds ahead of matplotlib's defaults.

The employee report's bar charts are HTML instead (`bar_chart`): a
matplotlib figure costs about half a second to draw on two cores, which is
most of a report's time, while the browser lays out HTML bars for nothing,
wraps labels in any script, and prints them as crisp text.
"""

from __future__ import annotations

import dataclasses
import html
from collections.abc import Sequence

import matplotlib
from matplotlib import font_manager

#: Families tried in order; the first one installed wins.
CJK_FAMILIES = ("Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei")


def cjk_family() -> str | None:
    """Name of an installed CJK font family, or None."""
    installed = {font.name for font in font_manager.fontManager.ttflist}
    return next((family for family in CJK_FAMILIES if family in installed), None)


def use_cjk_font() -> str | None:
    """Make matplotlib draw Chinese text; returns the family used, or None if none is installed."""
    family = cjk_family()
    if family:
        matplotlib.rcParams["font.sans-serif"] = [family, *matplotlib.rcParams["font.sans-serif"]]
        matplotlib.rcParams["font.family"] = "sans-serif"
    matplotlib.rcParams["axes.unicode_minus"] = False
    return family


@dataclasses.dataclass(frozen=True)
class Series:
    """One bar in each row of a `bar_chart`."""

    label: str
    #: Fractions from 0 to 1, one per row; None where there is no value.
    values: Sequence[float | None]
    #: One colour for every bar (shown in the legend), or one per row (not shown).
    colors: str | Sequence[str]
    #: Print each bar's value beside it.
    labelled: bool = True


def bar_chart(rows: Sequence[str], series: Sequence[Series], *, axis: str, missing: str,
              marker: tuple[str, float] | None = None) -> str:
    """A horizontal bar chart in HTML: a group of bars per row, each as wide as its value (0 to 100%).

    Args:
        rows: The label of each row.
        axis: The axis title, under the ticks 0 to 100.
        missing: Printed where a labelled series has no value.
        marker: A (label, fraction) drawn as a dashed line across every row, such as a pass mark.

    Styled by the ``bar-chart`` rules of the report's page template.
    """
    line = (f'<i class="marker" style="left: {marker[1] * 100:.1f}%"></i>' if marker else "")
    # A series coloured row by row (pass or fail, say) has no single key to show.
    legend = "".join(f'<span><i style="background: {s.colors}"></i>{html.escape(s.label)}</span>'
                     for s in series if isinstance(s.colors, str))
    if marker:
        legend += f'<span><i class="marker-key"></i>{html.escape(marker[0])}</span>'
    body = []
    for index, row in enumerate(rows):
        bars = []
        for s in series:
            value = s.values[index]
            color = s.colors if isinstance(s.colors, str) else s.colors[index]
            width = 0.0 if value is None else max(0.0, min(1.0, value)) * 100
            text = (missing if value is None else f"{value * 100:.0f}%") if s.labelled else ""
            bars.append(f'<div class="bar"><b style="width: {width:.1f}%; background: {color}"></b>'
                        f'<span style="left: {width:.1f}%">{html.escape(text)}</span></div>')
        body.append(f'<tr><th scope="row">{html.escape(row)}</th><td><div class="track">{"".join(bars)}{line}</div></td></tr>')
    ticks = "".join(f'<span style="left: {tick}%">{tick}</span>' for tick in range(0, 101, 20))
    body.append(f'<tr class="axis"><th></th><td><div class="ticks">{ticks}</div><div class="title">{html.escape(axis)}</div></td></tr>')
    return f'<figure class="bar-chart"><div class="legend">{legend}</div><table>{"".join(body)}</table></figure>'
