"""Chart set-up shared by lessons, cases and reports.

Chinese labels need a CJK font; without one matplotlib draws empty boxes.
`make` installs Noto Sans CJK from the OS packages, and `use_cjk_font` puts
the first CJK font it finds ahead of matplotlib's defaults.
"""

from __future__ import annotations

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
