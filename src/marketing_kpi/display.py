"""French number formatting and the chart style of the course's notebooks.

Numbers are written the French way: a comma as decimal separator, a narrow
no-break space (U+202F) between groups of three digits and before ``%``, a
no-break space (U+00A0) before a currency symbol, and a true minus sign
(U+2212) for negative values, as on the axes drawn by matplotlib::

    euros(1234.567)       -> "1 234,57 €"
    percent(0.4891)       -> "48,9 %"
    number(23570)         -> "23 570"

Every formatter raises ``ValueError`` on NaN or infinite input and ``TypeError``
on boolean or non-numeric input, so that a missing value never prints as "nan €".

:func:`use_course_style` sets matplotlib once per notebook: white figure with
dark text (each chart reads as a light card in the site's light and dark
themes), the Okabe–Ito colour-blind-friendly palette, 8 × 4.5 in at 100 dpi
(a phone screen width), PNG output.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pandas as pd

from marketing_kpi import _validation as check

NNBSP = "\u202f"
"""Narrow no-break space: thousands separator and space before ``%``."""
NBSP = "\u00a0"
"""No-break space: space before a currency symbol."""
MINUS = "\u2212"
"""Minus sign (not the hyphen ``-``)."""

PALETTE = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#D55E00",  # vermilion
    "#56B4E9",  # sky blue
    "#CC79A7",  # reddish purple
    "#F0E442",  # yellow (light: for areas, not for thin lines)
    "#000000",  # black
)
"""Okabe & Ito (2008) colour-blind-friendly palette, in the order charts use it."""

TEXT_COLOUR = "#1f1f1f"
GRID_COLOUR = "#d9d9d9"


def number(x: object, decimals: int = 0) -> str:
    """French writing of a number: ``number(1234.5, 1)`` gives ``"1 234,5"`` (U+202F).

    Rounds to ``decimals`` places (Python's ``format``); ``-0`` after rounding is
    written ``0``. Raises ``ValueError`` on NaN and infinities, ``TypeError`` on
    booleans and non-numbers.
    """
    text = f"{check.formattable(x, decimals):,.{decimals}f}"
    if text.lstrip("-").strip("0.,") == "":  # rounds to zero: no sign
        text = text.lstrip("-")
    return text.replace(",", NNBSP).replace(".", ",").replace("-", MINUS)


def euros(x: object, decimals: int = 2) -> str:
    """Amount in euros: ``euros(1234.567)`` gives ``"1 234,57 €"`` (U+202F, U+00A0)."""
    return f"{number(x, decimals)}{NBSP}€"


def dollars(x: object, decimals: int = 2) -> str:
    """Amount in US dollars, French style: ``dollars(2500315.63, 0)`` gives ``"2 500 316 $"``."""
    return f"{number(x, decimals)}{NBSP}$"


def percent(share: object, decimals: int = 1) -> str:
    """A share written as a percentage: ``percent(0.4891)`` gives ``"48,9 %"`` (U+202F).

    ``share`` is a fraction (0.489, not 48.9); values above 1 or below 0 are allowed
    (a return on investment of 250 % is 2.5).
    """
    checked = check.formattable(share, decimals)
    return f"{number(100 * checked, decimals)}{NNBSP}%"


def formatted(table: pd.DataFrame, formats: Mapping[str, Callable[[object], str]]) -> pd.DataFrame:
    """Copy of ``table`` whose columns named in ``formats`` are turned into French text.

    ``formats`` maps a column name to a one-argument formatter, e.g.
    ``{"revenue": euros, "share": percent, "customers": number}`` (use
    ``functools.partial(euros, decimals=0)`` to change the decimals). Other
    columns are kept as they are. Raises ``ValueError`` if a column is missing
    or holds a value the formatter rejects.
    """
    missing = [name for name in formats if name not in table.columns]
    if missing:
        raise ValueError(f"missing column(s): {', '.join(repr(m) for m in missing)}")
    return table.assign(**{name: table[name].map(fmt) for name, fmt in formats.items()})


def tick_formatter(formatter: Callable[..., str], **options: object):
    """A matplotlib tick formatter writing axis values with ``formatter``.

    ``ax.yaxis.set_major_formatter(tick_formatter(percent, decimals=0))`` labels
    the y axis ``0 %``, ``10 %``...
    """
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda value, _position: formatter(value, **options))


def use_course_style() -> None:
    """Set matplotlib's rcParams for the course's charts (call once, in the settings cell).

    White figure and axes with dark text and light grid (a light card in both
    site themes), Okabe–Ito colours, no top/right frame, 8 × 4.5 in at 100 dpi,
    PNG output in notebooks, constrained layout, the bundled DejaVu Sans font
    (same glyphs on every machine, narrow no-break space included).
    """
    import matplotlib as mpl
    from cycler import cycler

    mpl.rcParams.update(
        {
            "figure.figsize": (8, 4.5),
            "figure.dpi": 100,
            "savefig.dpi": 100,
            "savefig.format": "png",
            "figure.facecolor": "white",
            "figure.edgecolor": "white",
            "savefig.facecolor": "white",
            "savefig.edgecolor": "white",
            "axes.facecolor": "white",
            "figure.constrained_layout.use": True,
            "font.family": "DejaVu Sans",
            "font.size": 11,
            "axes.titlesize": 13,
            "axes.titleweight": "bold",
            "axes.titlelocation": "left",
            "axes.labelsize": 11,
            "text.color": TEXT_COLOUR,
            "axes.labelcolor": TEXT_COLOUR,
            "axes.edgecolor": TEXT_COLOUR,
            "xtick.color": TEXT_COLOUR,
            "ytick.color": TEXT_COLOUR,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.grid": True,
            "axes.axisbelow": True,
            "grid.color": GRID_COLOUR,
            "grid.linewidth": 0.8,
            "axes.prop_cycle": cycler(color=list(PALETTE)),
            "image.cmap": "cividis",
            "legend.frameon": False,
            "axes.unicode_minus": True,
        }
    )
    try:  # in a notebook: PNG images (the site shows them as they are stored)
        from IPython import get_ipython
        from matplotlib_inline.backend_inline import set_matplotlib_formats
    except ImportError:  # pragma: no cover - outside Jupyter
        return
    if get_ipython() is not None:
        set_matplotlib_formats("png")


SUMMARY_HEADINGS: dict[str, str] = {
    "customers": "clients",
    "customer_share": "part des clients",
    "revenue": "chiffre d'affaires",
    "revenue_share": "part du CA",
    "recency": "récence moyenne (jours)",
    "frequency": "fréquence moyenne",
    "monetary": "panier moyen",
    "later_active_share": "ont racheté ensuite",
    "later_purchase_days": "jours d'achat ensuite (moyenne)",
    "later_spend": "dépense ensuite (moyenne)",
}
"""French heading of each column of :func:`marketing_kpi.segment_summary`."""


def summary_table(
    summary: pd.DataFrame,
    columns: list[str],
    money: Callable[..., str] = dollars,
) -> pd.DataFrame:
    """A :func:`marketing_kpi.segment_summary` table ready to show: chosen columns, French.

    Takes the summary, the names of the columns to keep (keys of
    :data:`SUMMARY_HEADINGS`) and the currency formatter (:func:`dollars` or
    :func:`euros`); returns a table of strings with French headings. Empty
    segments (no customer) are left out, since their means do not exist.
    Raises ``ValueError`` for an unknown column.
    """
    unknown = [name for name in columns if name not in SUMMARY_HEADINGS]
    if unknown:
        raise ValueError(f"unknown summary column(s): {unknown}")
    formats: dict[str, Callable[[object], str]] = {
        "customers": number,
        "customer_share": percent,
        "revenue": lambda x: money(x, 0),
        "revenue_share": percent,
        "recency": number,
        "frequency": lambda x: number(x, 1),
        "monetary": money,
        "later_active_share": percent,
        "later_purchase_days": lambda x: number(x, 2),
        "later_spend": money,
    }
    shown = summary.loc[summary["customers"] > 0, columns]
    return formatted(shown, {name: formats[name] for name in columns}).rename(
        columns=SUMMARY_HEADINGS
    )
