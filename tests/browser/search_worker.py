"""Material's own search worker run alone in the browser, on a tiny index, with or
without the lines that hooks/search_folding.py adds to lunr's French language file.
No site build: the worker, lunr's French files and the index are served by ``tiny_site``."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "hooks"))
import search_folding

MATERIAL_JS = Path(__import__("material").__file__).parent / "templates" / "assets" / "javascripts"


def worker_results(new_page, tiny_site, query: str, docs: list[dict], fold: bool = True):
    """The result groups Material's worker gives for ``query`` on an index of ``docs``."""
    french = (MATERIAL_JS / "lunr" / "min" / "lunr.fr.min.js").read_text(encoding="utf-8")
    if fold:
        french += "\n" + search_folding.FOLDING_JS
    index = {
        "config": {
            "lang": ["fr"],
            "separator": r"[\s\-'’]+",
            "pipeline": ["stemmer", "stopWordFilter", "trimmer"],
            "fields": {"title": {"boost": 1000}, "text": {"boost": 1}, "tags": {"boost": 1000000}},
        },
        "docs": docs,
        "options": {"suggest": False},
    }
    base = tiny_site(
        {
            "index.html": '<!doctype html><html lang="fr"><title>t</title></html>',
            "lunr/min/lunr.fr.min.js": french,
            "lunr/min/lunr.stemmer.support.min.js": MATERIAL_JS
            / "lunr/min/lunr.stemmer.support.min.js",
            "workers/search.js": next((MATERIAL_JS / "workers").glob("search.*.min.js")),
        }
    )
    page, _ = new_page()
    page.goto(base)
    return page.evaluate(
        """([index, query]) => new Promise((resolve, reject) => {
          const w = new Worker("workers/search.js");
          w.onerror = e => reject(e.message);
          w.onmessage = ({data}) => {
            if (data.type === 1) w.postMessage({type: 2, data: query});   // READY -> QUERY
            if (data.type === 3) resolve(data.data.items);              // RESULT
          };
          w.postMessage({type: 0, data: index});                          // SETUP
        })""",
        [index, query],
    )
