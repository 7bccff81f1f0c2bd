"""pyspelling's HTML filter, giving one text per page instead of one per paragraph.

pyspelling calls hunspell once per text; loading the French dictionary takes
~50 ms, so one call per paragraph made the check take minutes. Same options
as pyspelling.filters.html. Used by .pyspelling.yml (PYTHONPATH=.spelling).
"""

from pyspelling import filters
from pyspelling.filters.html import HtmlFilter


class OneTextHtmlFilter(HtmlFilter):
    def _filter(self, text, context, encoding):
        parts = super()._filter(text, context, encoding)
        content = [p for p in parts if p.category.endswith("content")]
        others = [p for p in parts if not p.category.endswith("content")]
        if not content:
            return others
        merged = "\n\n".join(p.text for p in content)
        return [filters.SourceText(merged, context, encoding, content[0].category), *others]


def get_plugin():
    return OneTextHtmlFilter
