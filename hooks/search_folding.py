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

Material then judges each result against the words as typed, not as searched
(``getSearchQueryTerms`` in its worker): a typed word counts as found only if an
index term of the result starts with it. « rétention » never starts the stem
« retent », so the result said « Non trouvé : rétention », and the link's ``h=``
(the words that ``search.highlight`` marks in the opened page, built from the
found words only) came out empty. Two more pieces fix this without touching
Material's bundles:

* after lunr's search, a typed word that the folded, stemmed search did match
  (an index term of the result starts with its folded form, or is its stem) is
  added to the result's match data with no field, hence no position: Material
  counts it as found, puts it in ``h=`` and highlights nothing more in the
  teaser;
* the results leave the worker through the global ``postMessage``, which the
  same lines wrap: each result's ``h=`` also gets the page's own spelling of
  the words Material marked in its teaser (« rétention » for a typed
  « retention »: the page highlighter matches ``h=`` letter for letter), the
  page listed only for its sections gets their words instead of an empty
  ``h=``, and French elisions (« l » of « l'attrition ») and stop words
  (« de » of « taux de réachat ») are neither listed as missing nor put in
  ``h=``. These stop words are also dropped from a query that has other
  words, as the elisions are: « taux de réachat » searches « taux réachat ».
  Limit: only the spellings shown in a result's teaser (Material keeps two
  passages of it) reach ``h=``; the typed word itself always does.

These lines rely on a few shapes of Material's minified scripts
(``MATERIAL_CONTRACT``); the build fails with a French message if one is gone
(a Material upgrade), rather than shipping a search that is wrong again.
tests/test_search_index.py and tests/browser/test_search.py check both sides.
The API reference (docs/notebooks/reference.md) has ``search: boost: 0.2`` in its
front matter, so that course pages come before it for course words.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.exceptions import PluginError

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
  // A word as the index stores it: lower case, folded, stemmed.
  var root = function (word) {
    var token = french.stemmer(new lunr.Token(fold(word.toLowerCase())));
    return token ? token.toString() : "";
  };
  // Whether a word of a page (or an index term) answers a typed word.
  var answers = function (word, typed) {
    var folded = fold(word.toLowerCase());
    var stem = root(typed);
    return folded.indexOf(fold(typed)) === 0 || folded === stem || root(word) === stem;
  };
  var ELISION = /^(?:qu|[a-z])$/i;
  var stopWord = function (word) {
    word = word.toLowerCase();
    return !french.stopWordFilter(word) || !french.stopWordFilter(fold(word));
  };
  // The words of a query as Material reads them (its parseSearchQuery): the
  // keys of the « terms » it computes for each result.
  var typedTerms = function (query) {
    try {
      var parsed = new lunr.Query(["title", "text", "tags"]);
      new lunr.QueryParser(query, parsed).parse();
      return parsed.clauses
        .filter(function (c) { return c.presence !== lunr.Query.presence.PROHIBITED; })
        .map(function (c) { return c.term.replace(/^\*/, "").replace(/\*$/, ""); })
        .filter(function (term) { return term && !ELISION.test(term) && !stopWord(term); });
    } catch (error) {
      return [];
    }
  };
  // Prefix queries (Material appends "*") skip the search pipeline: fold the
  // query text itself.
  var search = lunr.Index.prototype.search;
  // A prefix query also gets its stemmed form: « fréquences* » finds the
  // stem « frequenc » of « fréquence ».
  lunr.Index.prototype.search = function (query) {
    if (typeof query !== "string") return search.call(this, query);
    var typed = typedTerms(query);
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
    // French stop words go too when other words remain: « taux de réachat »
    // searches « taux réachat », not also every word that starts with « de ».
    var words = terms.filter(function (term) {
      return !stopWord(term.replace(/^[+\-]/, "").replace(/\*$/, ""));
    });
    if (words.length) terms = words;
    var extra = terms.filter(function (term) { return /^[^+\-:~^*]+\*$/.test(term); })
      .map(function (term) { return term.slice(0, -1); });
    var results = search.call(this, terms.concat(extra).join(" "));
    // Material marks a typed word « Non trouvé » unless an index term of the
    // result starts with it as typed (« rétention » vs the stem « retent »),
    // and leaves it out of the link's h=. A typed word that the folded,
    // stemmed search did match is added to the result's match data, with no
    // field (so no position to highlight): Material then sees it as found.
    results.forEach(function (result) {
      var metadata = result.matchData.metadata;
      var keys = Object.keys(metadata);
      typed.forEach(function (term) {
        var seen = keys.some(function (k) { return k.indexOf(term) === 0; });
        if (!seen && keys.some(function (k) { return answers(k, term); })) metadata[term] = {};
      });
    });
    return results;
  };
  // Results leave the worker through postMessage: each link's h= (the words
  // the opened page highlights) is completed there.
  if (typeof WorkerGlobalScope === "undefined" || typeof self.postMessage !== "function") return;
  var marked = function (html) {
    var words = [];
    String(html || "").replace(/<mark>([\s\S]*?)<\/mark>/g, function (_, inner) {
      var word = inner.replace(/<[^>]*>/g, "").match(/[\p{L}\p{N}]+/u);
      if (word) words.push(word[0].toLowerCase());
    });
    return words;
  };
  var complete = function (group) {
    var union = {};
    group.forEach(function (item) {
      var terms = item.terms;
      if (!terms) return;
      // French elisions, and stop words beside other words, are not
      // searched: never « missing », never in h= (the page highlighter would
      // mark every « de » inside every word).
      var keys = Object.keys(terms);
      var others = keys.some(function (term) { return !ELISION.test(term) && !stopWord(term); });
      keys.forEach(function (term) {
        if (ELISION.test(term) || (stopWord(term) && (others || !terms[term]))) delete terms[term];
      });
      var found = Object.keys(terms).filter(function (term) { return terms[term]; });
      // The page's own spelling of each found word (« rétention » for a
      // typed « retention »): Material's page highlighter matches h= as written.
      marked(item.title).concat(marked(item.text)).forEach(function (word) {
        var covered = Object.keys(terms).some(function (t) {
          return terms[t] && word.indexOf(t) !== -1;
        });
        if (!covered && found.some(function (t) { return answers(word, t); })) terms[word] = true;
      });
      Object.keys(terms).forEach(function (term) { if (terms[term]) union[term] = true; });
    });
    // The page itself, listed with only its matching sections, gets their words.
    group.forEach(function (item) {
      if (item.terms && !Object.keys(item.terms).some(function (t) { return item.terms[t]; })) {
        Object.keys(union).forEach(function (term) { item.terms[term] = true; });
      }
    });
  };
  var post = self.postMessage;
  self.postMessage = function (message) {
    var items = message && message.data && message.data.items;
    if (Array.isArray(items)) {
      items.forEach(function (group) { if (Array.isArray(group)) complete(group); });
    }
    return post.apply(self, arguments);
  };
})();
"""
)

# What the lines above rely on in Material's minified scripts (names are
# minified, these shapes are not). If Material changes one, the build stops
# here instead of shipping a search that lists found words as « Non trouvé ».
WORKER_GLOB = "assets/javascripts/workers/search.*.min.js"
BUNDLE_GLOB = "assets/javascripts/bundle.*.min.js"
MATERIAL_CONTRACT = {
    WORKER_GLOB: {
        # the worker loads lunr.fr.min.js with importScripts (so our lines run there)
        "loads the language file": r"/min/lunr\.\$\{\w+\}\.min\.js",
        # results leave through the global postMessage, looked up at each call
        "posts results with the global postMessage": r"(?<![.\w])postMessage\(",
        # a typed word is « found » when an index term of the result starts with it
        "compares index terms with the typed words": r"\.startsWith\(\w+\.term\)",
        # the page listed for its sections only gets no words of its own
        "adds the page of matching sections with empty terms": r"score:0,terms:\{\}",
    },
    BUNDLE_GLOB: {
        # a result link's h= is the list of its found words
        "builds h= from the found words": r'searchParams\.set\("h",Object\.entries\(\w+\.terms\)',
        # missing words are those marked false
        "lists the words marked false as missing": r"Object\.keys\(\w+\.terms\)\.filter\(",
    },
}


def check_material(site_dir: Path) -> list[str]:
    """The parts of MATERIAL_CONTRACT that the built site's scripts no longer match."""
    broken = []
    for pattern, needles in MATERIAL_CONTRACT.items():
        files = sorted(site_dir.glob(pattern))
        if len(files) != 1:
            broken.append(f"{pattern} : {len(files)} fichier(s) au lieu d'un")
            continue
        text = files[0].read_text(encoding="utf-8")
        broken += [
            f"{files[0].name} : {what} ({needle})"
            for what, needle in needles.items()
            if not re.search(needle, text)
        ]
    return broken


def on_post_build(config) -> None:
    site_dir = Path(config["site_dir"])
    path = site_dir / LANGUAGE_FILE
    if not path.is_file():
        return  # search plugin off, or another language
    broken = check_material(site_dir)
    if broken:
        raise PluginError(
            "hooks/search_folding.py : la recherche de Material a changé, la correction "
            "des mots « Non trouvé » et du surlignage (h=) ne s'applique plus ; "
            "relisez le moteur de recherche de Material et mettez à jour le hook. "
            "Éléments introuvables : " + " ; ".join(broken)
        )
    text = path.read_text(encoding="utf-8")
    if MARKER not in text:
        path.write_text(text + "\n" + FOLDING_JS, encoding="utf-8")
