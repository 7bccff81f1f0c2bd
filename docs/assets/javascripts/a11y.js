/*
 * Accessibility fixes that need the rendered page (tests/browser/test_every_page.py):
 * - a box that scrolls sideways (wide display maths, wide tables) can be
 *   reached and scrolled with the keyboard (axe: scrollable-region-focusable);
 * - the check boxes of task lists are named after their item (axe: label).
 * Run on every page, again after each instant navigation (Material's document$).
 */
(function () {
  "use strict";

  function fix() {
    document.querySelectorAll(".md-typeset .arithmatex, .md-typeset__table table, .md-typeset__scrollwrap")
      .forEach(function (box) {
        if (box.scrollWidth > box.clientWidth && !box.hasAttribute("tabindex")) {
          box.setAttribute("tabindex", "0");
          box.setAttribute("role", "region");
          box.setAttribute("aria-label", box.matches(".arithmatex") ? "Formule" : "Tableau");
        }
      });
    document.querySelectorAll(".md-typeset .task-list-item input[type=checkbox]:not([aria-label])")
      .forEach(function (box) {
        var item = box.closest(".task-list-item");
        box.setAttribute("aria-label", item ? item.textContent.trim().slice(0, 120) : "Tâche");
      });
  }

  // Mermaid (extra.js) draws the diagrams after the page is shown, which changes
  // the widths: check again whenever the content changes (debounced).
  var timer = null;
  new MutationObserver(function () {
    clearTimeout(timer);
    timer = setTimeout(fix, 50);
  }).observe(document.body, { childList: true, subtree: true });

  if (window.document$) {
    window.document$.subscribe(function () { setTimeout(fix, 0); });
  } else {
    document.addEventListener("DOMContentLoaded", fix);
  }
})();
