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
  // A word as the index stores it: lower case, folded, stemmed.
  var root = function (word) {
    var token = french.stemmer(new lunr.Token(fold(word.toLowerCase())));
    return token ? token.toString() : "";
  };
  // Whether a word of a page (or an index term) answers a typed word.
  var answers = function (word, typed) {
    var folded = fold(word.toLowerCase());
    return folded.indexOf(fold(typed)) === 0 || folded === root(typed) || root(word) === root(typed);
  };
  var ELISION = /^(?:qu|[a-z])$/i;
  // The words of a query as Material reads them (its parseSearchQuery): the
  // keys of the « terms » it computes for each result.
  var typedTerms = function (query) {
    try {
      var parsed = new lunr.Query(["title", "text", "tags"]);
      new lunr.QueryParser(query, parsed).parse();
      return parsed.clauses
        .filter(function (c) { return c.presence !== lunr.Query.presence.PROHIBITED; })
        .map(function (c) { return c.term.replace(/^\*/, "").replace(/\*$/, ""); })
        .filter(function (term) { return term && !ELISION.test(term); });
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
      // French stop words and elisions are not searched: never « missing ».
      Object.keys(terms).forEach(function (term) {
        if (ELISION.test(term) || (!terms[term] && !french.stopWordFilter(term))) delete terms[term];
      });
      var found = Object.keys(terms).filter(function (term) { return terms[term]; });
      // The page's own spelling of each found word (« rétention » for a
      // typed « retention »): Material's page highlighter matches h= as written.
      marked(item.title).concat(marked(item.text)).forEach(function (word) {
        var covered = Object.keys(terms).some(function (t) { return terms[t] && word.indexOf(t) !== -1; });
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
    if (Array.isArray(items)) items.forEach(function (group) { if (Array.isArray(group)) complete(group); });
    return post.apply(self, arguments);
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
