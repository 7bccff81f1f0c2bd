/*
 * Diagrams, drawn with the site's own copy of Mermaid: its ES module build,
 * copied from node_modules into assets/vendor/ by hooks/vendor_assets.py,
 * which fetches only the code of the diagram types a page uses.
 * Mermaid is loaded when a diagram comes near the screen, so that a page is
 * readable before the library arrives; pages are watched again after every
 * instant navigation (Material's document$ observable).
 * Formulas need no script: hooks/maths.py draws them when the site is built.
 * mkdocs-quiz's script is appended only on pages that hold a quiz (its file
 * name comes from hooks/quiz_assets.py in this script's data-quiz attribute);
 * once loaded, it follows instant navigation by itself.
 */
(function () {
  "use strict";

  // Folder of this script, to find assets/vendor/ from any page depth.
  var vendor = new URL("../vendor/", document.currentScript.src).href;
  var quizFile = document.currentScript.getAttribute("data-quiz");
  var quizScript = quizFile ? new URL(quizFile, document.currentScript.src).href : null;
  var mermaid = null; // promise of the Mermaid module, once asked for
  var diagramCount = 0;

  function library() {
    if (!mermaid && location.protocol === "file:") {
      // Offline pack: browsers refuse ES modules from the file system, so
      // its build (hooks/downloads.py) ships Mermaid's classic script too.
      mermaid = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = vendor + "mermaid/mermaid.min.js";
        script.onload = function () { resolve(window.mermaid); };
        script.onerror = reject;
        document.head.appendChild(script);
      });
    }
    if (!mermaid) {
      mermaid = import(vendor + "mermaid/mermaid.esm.min.mjs").then(function (module) {
        return module.default;
      });
    }
    return mermaid;
  }

  function isDark() {
    return document.body.getAttribute("data-md-color-scheme") === "slate";
  }

  function draw(block) {
    if (!block.dataset.source) block.dataset.source = block.textContent;
    return library()
      .then(function (m) {
        m.initialize({
          startOnLoad: false,
          theme: isDark() ? "dark" : "default",
          fontFamily: "inherit",
          securityLevel: "strict"
        });
        return m.render("diagram-" + (++diagramCount), block.dataset.source);
      })
      .then(function (result) {
        block.innerHTML = result.svg;
        block.classList.add("diagram--rendered");
        var svg = block.querySelector("svg");
        if (svg) {
          svg.setAttribute("role", "img");
          svg.setAttribute("aria-label", block.getAttribute("aria-label") || "Diagramme");
        }
      });
  }

  // Draw each diagram when it comes within a screen's height of the view.
  var observer = new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (entry.isIntersecting) {
        observer.unobserve(entry.target);
        draw(entry.target);
      }
    });
  }, { rootMargin: "100% 0px" });

  function watch() {
    observer.disconnect(); // forget the diagrams of the previous page
    document.querySelectorAll("div.diagram:not(.diagram--rendered)").forEach(function (block) {
      observer.observe(block);
    });
  }

  // Quizzes: load mkdocs-quiz's script the first time a page has one.
  function quizzes() {
    if (!quizScript || !document.querySelector(".quiz")) return;
    var script = document.createElement("script");
    script.src = quizScript;
    document.body.appendChild(script);
    quizScript = null; // once: the script re-initialises itself on later pages
  }

  function pageReady() {
    watch();
    quizzes();
  }

  if (window.document$) {
    window.document$.subscribe(pageReady);
  } else {
    document.addEventListener("DOMContentLoaded", pageReady);
  }

  // Redraw the drawn diagrams in the other colours when the reader switches palette.
  new MutationObserver(function () {
    document.querySelectorAll("div.diagram--rendered").forEach(draw);
  }).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
})();
