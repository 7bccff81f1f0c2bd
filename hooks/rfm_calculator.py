"""Fill the RFM calculator (snippets/calculateurs/rfm.md) with CDNOW's M thresholds.

The calculator scores R and F with the course's cut-offs (``DEFAULT_CUTOFFS``,
passed to the page as data attributes so the script hand-types no number) and
M with the quintile rule of ``marketing_kpi.rfm_scores`` against the CDNOW
customers at the notebook's date of analysis (1 July 1998): a basket ``v`` gets
``1 + floor(5 × n / N)``, where ``n`` counts the customers whose mean amount per
purchase day is strictly below ``v``. As ``n`` only changes at the observed
values, the rule comes down to four thresholds: ``M = 1 + (number of
thresholds strictly below v)``, the threshold of level k being the smallest
observed value with at least ``ceil((k - 1) × N / 5)`` customers at or below it.

The thresholds are computed from ``marketing_kpi.cdnow_transactions()`` and
``rfm_table`` (about 20 s of pandas on a loaded machine), once, then cached in
``.cache/rfm-calculator.json`` under a key made of the CDNOW file and the
package's source: an unchanged build reads the cache, a changed package or
data set recomputes. The hook writes into the form:

* ``data-seuils-r``, ``data-seuils-f``: ``DEFAULT_CUTOFFS``;
* ``data-seuils-m``: the four M thresholds (shortest round-trip decimals, so the
  browser compares the same doubles as the package);
* ``data-segments``: ``DEFAULT_SEGMENTS`` as JSON;
* the text of ``<span data-rfm="…">`` placeholders (thresholds in French, the
  number of customers, the date), so the page tells the reader the same rule.
"""

from __future__ import annotations

import hashlib
import html
import importlib.metadata
import importlib.util
import json
import math
import os
import re
import sys
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache" / "rfm-calculator.json"
AS_OF = "1998-07-01"  # as in notebooks/segmentation-rfm.ipynb: the day after the last purchase
LEVELS = 5  # quintiles, as rfm_scores' default
FORM = re.compile(r'<form class="calculateur" data-calculateur="rfm"')
PLACEHOLDER = re.compile(r'<span data-rfm="([a-z-]+)"></span>')
CDNOW_FILE = "lifetimes/datasets/CDNOW_master.txt"
SOURCES = ("rfm.py", "data.py", "_validation.py")


def _package():
    src = str(ROOT / "src")
    if src not in sys.path:
        sys.path.insert(0, src)
    import marketing_kpi

    return marketing_kpi


def _key() -> str:
    """Cache key: the CDNOW file and the package's source, read without importing pandas."""
    # the same file as marketing_kpi.data.CDNOW_FILE (importing the package costs seconds)
    cdnow = importlib.metadata.distribution("lifetimes").locate_file(CDNOW_FILE)
    digest = hashlib.sha256(f"{AS_OF}|{LEVELS}".encode())
    digest.update(Path(cdnow).read_bytes())
    # where the package is imported from: the project's src/, or the installed one
    # when the project is a copy without src/ (the fault-fixture builds of the tests)
    spec = importlib.util.find_spec("marketing_kpi")
    package = Path(spec.origin).parent if spec and spec.origin else ROOT / "src" / "marketing_kpi"
    for name in SOURCES:
        digest.update((package / name).read_bytes())
    return digest.hexdigest()


def m_thresholds(monetary) -> list[float]:
    """The LEVELS - 1 thresholds of the quintile rule for these monetary values."""
    import numpy as np

    values = np.sort(np.asarray(monetary, dtype=float))
    distinct = np.unique(values)
    at_or_below = np.searchsorted(values, distinct, side="right")
    thresholds = []
    for level in range(2, LEVELS + 1):
        needed = math.ceil((level - 1) * len(values) / LEVELS)
        thresholds.append(float(distinct[np.argmax(at_or_below >= needed)]))
    return thresholds


@cache
def rfm_data() -> dict:
    key = _key()
    try:
        cached = json.loads(CACHE.read_text(encoding="utf-8"))
        if cached.get("key") == key:
            return cached
    except (OSError, ValueError):
        pass
    mk = _package()
    table = mk.rfm_table(mk.cdnow_transactions(), as_of=AS_OF)
    result = {
        "key": key,
        "as_of": AS_OF,
        "customers": len(table),
        "R": [float(x) for x in mk.DEFAULT_CUTOFFS["R"]],
        "F": [float(x) for x in mk.DEFAULT_CUTOFFS["F"]],
        "M": m_thresholds(table["monetary"]),
        "segments": {name: bounds for name, bounds in mk.DEFAULT_SEGMENTS.items()},
    }
    CACHE.parent.mkdir(exist_ok=True)
    # written whole or not at all: a build running at the same time (the tests') reads it
    partial = CACHE.with_name(f"{CACHE.name}.{os.getpid()}.tmp")
    partial.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(partial, CACHE)
    return result


def _dollars(x: float) -> str:
    """French amount with the decimals the threshold needs (14,37 $ ; 29,7575 $ ; 44,9 $)."""
    text = f"{x:.4f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") + "\u00a0$"


def _texts(data: dict) -> dict[str, str]:
    m = data["M"]
    n = f"{data['customers']:,}".replace(",", "\u202f")
    return {
        "clients": n,
        "seuils-m": (
            f"1 jusqu'à {_dollars(m[0])}, 2 jusqu'à {_dollars(m[1])}, "
            f"3 jusqu'à {_dollars(m[2])}, 4 jusqu'à {_dollars(m[3])} (bornes comprises), "
            f"5 au-delà"
        ),
    }


def _numbers(values) -> str:
    return " ".join(repr(float(v)) for v in values)


def on_page_content(html_text: str, **kwargs) -> str:
    if not FORM.search(html_text):
        return html_text
    data = rfm_data()
    attributes = (
        f' data-seuils-r="{_numbers(data["R"])}" data-seuils-f="{_numbers(data["F"])}"'
        f' data-seuils-m="{_numbers(data["M"])}"'
        f' data-segments="{html.escape(json.dumps(data["segments"], ensure_ascii=False))}"'
    )
    html_text = FORM.sub(lambda match: match.group(0) + attributes, html_text, count=1)
    texts = _texts(data)

    def fill(match):
        name = match.group(1)
        if name not in texts:
            raise ValueError(f"unknown RFM placeholder data-rfm={name!r}")
        return f"<span>{html.escape(texts[name], quote=False)}</span>"

    return PLACEHOLDER.sub(fill, html_text)
