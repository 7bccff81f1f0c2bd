"""Make the notebook pages rendered by mkdocs-jupyter self-contained.

nbconvert's template loads MathJax and Mermaid from CDNs (cdnjs). The site
draws maths with its own KaTeX and diagrams with its own Mermaid
(assets/javascripts/extra.js), so those loaders are removed from every
notebook page: the site makes no request to a third-party host.
"""

from __future__ import annotations

import re

# <script> elements that nbconvert's template adds to load maths or diagram
# libraries: an empty src, the MathJax configuration, and the Mermaid ES module
# imported from a CDN.
CDN_LOADERS = re.compile(
    r"<script\b[^>]*\bsrc=\"\"[^>]*>\s*</script>"
    r"|<script\b[^>]*type=\"text/x-mathjax-config\"[^>]*>.*?</script>"
    r"|<script\b[^>]*type=\"module\"[^>]*>(?:(?!</script>).)*?cdnjs\.cloudflare\.com.*?</script>",
    re.S,
)


def is_notebook(page) -> bool:
    return page.file.src_uri.endswith(".ipynb")


def on_post_page(output: str, page, config) -> str:
    if not is_notebook(page):
        return output
    return CDN_LOADERS.sub("", output)
