/*
 * Réviser: flashcards and mock exam (pages generated or filled by hooks/reviser.py).
 *
 * Flashcards: each card is a <button aria-expanded> (the term) that shows or hides
 * its back (the definition). The page works without this script (every back shown);
 * with it, backs are hidden until the reader flips the card by click, Enter or Space
 * (native button behaviour), and screen readers hear the state change.
 *
 * Mock exam: draws questions from reviser/banque-questions.json (the site's quizzes,
 * written at build time), asks them on one page in a form (one fieldset per question),
 * then gives the score, each explanation, and for each wrong answer the page to reread.
 * Nothing leaves the browser. Initialised on Material's document$ (instant navigation).
 */
(function () {
  "use strict";

  // --- flashcards ---------------------------------------------------------------------

  function setCard(button, open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    var back = document.getElementById(button.getAttribute("aria-controls"));
    if (back) back.hidden = !open;
    button.closest(".flashcard").classList.toggle("flashcard--flipped", open);
  }

  function initFlashcards() {
    document.querySelectorAll(".flashcards:not(.flashcards--ready)").forEach(function (deck) {
      deck.classList.add("flashcards--ready");
      var buttons = deck.querySelectorAll(".flashcard__front");
      buttons.forEach(function (button) {
        button.setAttribute("title", "Retourner la fiche");
        setCard(button, false);
        button.addEventListener("click", function () {
          setCard(button, button.getAttribute("aria-expanded") !== "true");
        });
      });
      // Show or hide every back at once.
      var bar = document.createElement("div");
      bar.className = "flashcards__bar";
      var all = document.createElement("button");
      all.type = "button";
      all.className = "md-button";
      all.textContent = "Retourner toutes les fiches";
      all.setAttribute("aria-pressed", "false");
      all.addEventListener("click", function () {
        var open = all.getAttribute("aria-pressed") !== "true";
        all.setAttribute("aria-pressed", open ? "true" : "false");
        buttons.forEach(function (button) { setCard(button, open); });
      });
      bar.appendChild(all);
      // Draw the cards in a new order, to recall each term without its neighbours.
      var mix = document.createElement("button");
      mix.type = "button";
      mix.className = "md-button";
      mix.textContent = "Mélanger les fiches";
      var status = document.createElement("span");
      status.className = "flashcards__status";
      status.setAttribute("role", "status");
      mix.addEventListener("click", function () {
        shuffled(Array.prototype.slice.call(deck.children)).forEach(function (card) {
          deck.appendChild(card);
        });
        status.textContent = "Fiches mélangées.";
      });
      bar.appendChild(mix);
      bar.appendChild(status);
      deck.parentNode.insertBefore(bar, deck);
    });
  }

  // --- mock exam ----------------------------------------------------------------------

  function shuffled(list) {
    var copy = list.slice();
    for (var i = copy.length - 1; i > 0; i--) {
      var j = Math.floor(Math.random() * (i + 1));
      var t = copy[i];
      copy[i] = copy[j];
      copy[j] = t;
    }
    return copy;
  }

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (key) { node.setAttribute(key, attributes[key]); });
    if (text) node.textContent = text;
    return node;
  }

  // Links of the bank are relative to the site root: resolve them from this page.
  function fixLinks(node, root) {
    node.querySelectorAll("a[href]").forEach(function (a) {
      var href = a.getAttribute("href");
      if (!/^[a-z][a-z0-9+.-]*:/i.test(href)) a.setAttribute("href", new URL(href, root).href);
    });
  }

  function html(tag, attributes, markup, root) {
    var node = element(tag, attributes);
    node.innerHTML = markup;
    fixLinks(node, root);
    return node;
  }

  function startPanel(exam, bank, root) {
    var size = parseInt(exam.dataset.size || "20", 10);
    var parts = [];
    bank.forEach(function (q) {
      if (parts.every(function (p) { return p.id !== q.part; })) parts.push({ id: q.part, title: q.partTitle });
    });
    var form = element("form", { class: "mock-exam__setup" });
    var fieldset = element("fieldset");
    fieldset.appendChild(element("legend", {}, "Parties à réviser"));
    parts.forEach(function (part) {
      var count = bank.filter(function (q) { return q.part === part.id; }).length;
      var id = "examen-partie-" + part.id;
      var row = element("div", { class: "mock-exam__choice" });
      var box = element("input", { type: "checkbox", id: id, name: "partie", value: part.id });
      box.checked = true;
      row.appendChild(box);
      row.appendChild(element("label", { for: id }, part.title + " (" + count + " questions)"));
      fieldset.appendChild(row);
    });
    form.appendChild(fieldset);
    var message = element("p", { class: "mock-exam__message", role: "alert" });
    form.appendChild(message);
    form.appendChild(element("button", { type: "submit", class: "md-button md-button--primary" }, "Commencer l'examen"));
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var chosen = Array.prototype.map.call(form.querySelectorAll("input[name=partie]:checked"), function (b) { return b.value; });
      if (!chosen.length) {
        message.textContent = "Cochez au moins une partie.";
        return;
      }
      var pool = bank.filter(function (q) { return chosen.indexOf(q.part) >= 0; });
      runExam(exam, shuffled(pool).slice(0, size), bank, root);
    });
    exam.replaceChildren(form);
  }

  function runExam(exam, questions, bank, root) {
    var form = element("form", { class: "mock-exam__paper", novalidate: "" });
    form.appendChild(element("p", {}, questions.length + " questions. Répondez à chacune, puis demandez la correction en bas de page."));
    questions.forEach(function (q, n) {
      var fieldset = element("fieldset", { class: "mock-exam__question", "data-id": q.id });
      var legend = element("legend");
      legend.appendChild(element("span", { class: "mock-exam__number" }, "Question " + (n + 1) + " sur " + questions.length + " – " + q.partTitle));
      legend.appendChild(html("span", { class: "mock-exam__text" }, q.question, root));
      fieldset.appendChild(legend);
      if (q.multiple) fieldset.appendChild(element("p", { class: "mock-exam__hint" }, "Plusieurs réponses sont possibles."));
      shuffled(q.options.map(function (text, i) { return i; })).forEach(function (i) {
        var id = "examen-q" + n + "-" + i;
        var row = element("div", { class: "mock-exam__option" });
        row.appendChild(element("input", { type: q.multiple ? "checkbox" : "radio", name: "q" + n, value: String(i), id: id }));
        row.appendChild(html("label", { for: id }, q.options[i], root));
        fieldset.appendChild(row);
      });
      form.appendChild(fieldset);
    });
    form.appendChild(element("button", { type: "submit", class: "md-button md-button--primary" }, "Corriger l'examen"));
    var result = element("div", { class: "mock-exam__result", role: "status", "aria-live": "polite" });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      correct(form, questions, result, root);
      var again = element("button", { type: "button", class: "md-button" }, "Nouvel examen");
      again.addEventListener("click", function () { startPanel(exam, bank, root); exam.scrollIntoView(); });
      result.appendChild(again);
    });
    exam.replaceChildren(result, form);
    form.querySelector("input").focus();
  }

  function correct(form, questions, result, root) {
    var score = 0;
    var reread = [];
    questions.forEach(function (q, n) {
      var fieldset = form.querySelectorAll(".mock-exam__question")[n];
      var given = Array.prototype.map.call(fieldset.querySelectorAll("input:checked"), function (b) { return parseInt(b.value, 10); });
      var right = given.length === q.keys.length && given.every(function (i) { return q.keys.indexOf(i) >= 0; });
      if (right) score += 1;
      else reread.push(q);
      fieldset.querySelectorAll("input").forEach(function (box) {
        box.disabled = true;
        var option = box.parentNode;
        if (q.keys.indexOf(parseInt(box.value, 10)) >= 0) {
          option.classList.add("mock-exam__option--key");
          option.querySelector("label").appendChild(element("span", { class: "mock-exam__mark" }, " (bonne réponse)"));
        } else if (box.checked) {
          option.classList.add("mock-exam__option--wrong");
        }
      });
      fieldset.classList.add(right ? "mock-exam__question--right" : "mock-exam__question--wrong");
      var verdict = element("div", { class: "mock-exam__feedback" });
      verdict.appendChild(element("p", { class: "mock-exam__verdict" }, right ? "Juste." : (given.length ? "Faux." : "Sans réponse.")));
      verdict.appendChild(html("div", {}, q.explanation, root));
      if (!right) {
        var p = element("p");
        p.appendChild(document.createTextNode("À relire : "));
        var a = element("a", { href: new URL(q.url, root).href }, q.page);
        p.appendChild(a);
        verdict.appendChild(p);
      }
      fieldset.appendChild(verdict);
    });
    form.querySelector("button[type=submit]").disabled = true;
    result.replaceChildren();
    var heading = element("p", { class: "mock-exam__score" }, "Votre note : " + score + " / " + questions.length);
    heading.dataset.score = String(score);
    result.appendChild(heading);
    if (reread.length) {
      result.appendChild(element("p", {}, "Pages à relire :"));
      var list = element("ul");
      var seen = {};
      reread.forEach(function (q) {
        var page = q.url.split("#")[0];
        if (seen[page]) return;
        seen[page] = true;
        var item = element("li");
        item.appendChild(element("a", { href: new URL(page, root).href }, q.page + " (" + q.partTitle + ")"));
        list.appendChild(item);
      });
      result.appendChild(list);
    } else {
      result.appendChild(element("p", {}, "Aucune erreur : passez à une autre partie ou recommencez avec de nouvelles questions."));
    }
    result.scrollIntoView();
  }

  function initExam() {
    document.querySelectorAll(".mock-exam:not(.mock-exam--ready)").forEach(function (exam) {
      exam.classList.add("mock-exam--ready");
      var root = new URL(exam.dataset.root || "./", window.location.href).href;
      var bankUrl = new URL(exam.dataset.bank, window.location.href).href;
      exam.replaceChildren(element("p", {}, "Chargement des questions…"));
      fetch(bankUrl)
        .then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.json();
        })
        .then(function (bank) { startPanel(exam, bank, root); })
        .catch(function () {
          exam.replaceChildren(element("p", { role: "alert" }, "Les questions n'ont pas pu être chargées. Rechargez la page."));
        });
    });
  }

  function init() {
    initFlashcards();
    initExam();
  }

  if (window.document$) {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
