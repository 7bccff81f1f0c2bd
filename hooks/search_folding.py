"""French search that ignores accents: « frequence » finds « fréquence ».

Material's search runs lunr.js in a web worker with lunr-languages' French
support (``lang: fr``: trimmer, stop words, Snowball stemmer). Neither folds
accents, so a reader who types without accents (phones, foreign keyboards)
finds nothing.

This hook appends a few lines to the French language file that the worker
loads (``assets/javascripts/lunr/min/lunr.fr.min.js`` in the built site). They
register a lunr pipeline function, ``foldAccents-fr``, that removes diacritics
(NFD decomposition, combining marks dropped; œ/æ spelt out), and insert it just
before the French stemmer in both pipelines:

* the indexing pipeline, so that every word of every page is stored folded
  (``fréquence`` → ``frequence`` → stem ``frequenc``);
* the search pipeline, so that the reader's words are folded the same way.

Both sides then reach the stemmer with the same letters, so ``fréquence``,
``frequence``, ``fréquences`` and ``frequences`` give the same stem. Lunr keeps
the position of each original word, so Material still highlights the word as
written in the page. Material turns each typed word into a prefix query
(``frequence*``), which lunr matches without its search pipeline; the same lines
therefore also fold the words of a query before lunr parses it, add each
prefix word once more without its ``*`` (so that it goes through the folding
and the stemmer: « fréquences » finds « fréquence »), and drop French elisions
(« l'attrition » searches « attrition », not every word starting with « l »).
Stemming itself is switched on in mkdocs.yml (search ``pipeline``).
"""

from __future__ import annotations

from pathlib import Path

LANGUAGE_FILE = "assets/javascripts/lunr/min/lunr.fr.min.js"
MARKER = "/* foldAccents-fr (hooks/search_folding.py) */"

FOLDING_JS = (
    MARKER
    + r"""
(function () {
  if (typeof lunr === "undefined" || typeof lunr.fr === "undefined" || lunr.fr.folded) return;
  var fold = function (text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/œ/g, "oe").replace(/Œ/g, "OE").replace(/æ/g, "ae").replace(/Æ/g, "AE");
  };
  var foldAccents = function (token) {
    return token.update(function (word) { return fold(word); });
  };
  lunr.Pipeline.registerFunction(foldAccents, "foldAccents-fr");
  var french = lunr.fr;
  lunr.fr = function () {
    french.apply(this, arguments);
    this.pipeline.before(french.stemmer, foldAccents);
    this.searchPipeline.before(french.stemmer, foldAccents);
  };
  for (var key in french) {
    if (Object.prototype.hasOwnProperty.call(french, key)) lunr.fr[key] = french[key];
  }
  lunr.fr.foldAccents = foldAccents;
  lunr.fr.folded = true;
  // Prefix queries (Material appends "*") skip the search pipeline: fold the
  // query text itself.
  var search = lunr.Index.prototype.search;
  // A prefix query also gets its stemmed form: « fréquences* » finds the
  // stem « frequenc » of « fréquence ».
  lunr.Index.prototype.search = function (query) {
    if (typeof query !== "string") return search.call(this, query);
    // French elisions (l', d', qu'...) are dropped: « l'attrition » searches
    // « attrition », not also every word that starts with « l ».
    query = fold(query).replace(/(^|[\s+\-])(?:qu|[cdjlmnst])['’]/gi, "$1");
    // Material may already have split « l'attrition » at the apostrophe into
    // « l* attrition* »: a one-letter prefix (or « qu* ») would match half the
    // dictionary, it goes too.
    var terms = query.split(/\s+/).filter(function (term) {
      return term && !/^(?:qu|[a-z])\*$/i.test(term);
    });
    if (!terms.length) return search.call(this, query);
    var extra = terms.filter(function (term) { return /^[^+\-:~^*]+\*$/.test(term); })
      .map(function (term) { return term.slice(0, -1); });
    return search.call(this, terms.concat(extra).join(" "));
  };
})();
"""
)


def on_post_build(config) -> None:
    path = Path(config["site_dir"]) / LANGUAGE_FILE
    if not path.is_file():
        return  # search plugin off, or another language
    text = path.read_text(encoding="utf-8")
    if MARKER not in text:
        path.write_text(text + "\n" + FOLDING_JS, encoding="utf-8")
