/*
 * Diagrams and maths, drawn with the site's own copies of Mermaid and KaTeX
 * (copied from node_modules into assets/vendor/ by hooks/vendor_assets.py).
 * Each library is loaded only on the pages that need it, and again after
 * every instant navigation (Material's document$ observable).
 */
(function () {
  "use strict";

  // Folder of this script, to find assets/vendor/ from any page depth.
  var here = document.currentScript.src;
  var vendor = new URL("../vendor/", here).href;
  var loaded = {};

  function load(src) {
    if (!loaded[src]) {
      loaded[src] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = vendor + src;
        script.onload = resolve;
        script.onerror = function () { reject(new Error("cannot load " + src)); };
        document.head.appendChild(script);
      });
    }
    return loaded[src];
  }

  function stylesheet(href) {
    if (document.querySelector('link[href="' + vendor + href + '"]')) return;
    var link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = vendor + href;
    document.head.appendChild(link);
  }

  function isDark() {
    return document.body.getAttribute("data-md-color-scheme") === "slate";
  }

  // --- Mermaid ------------------------------------------------------------
  var diagramCount = 0;

  function renderDiagrams() {
    var blocks = document.querySelectorAll("div.diagram");
    if (!blocks.length) return;
    load("mermaid/mermaid.min.js").then(function () {
      window.mermaid.initialize({
        startOnLoad: false,
        theme: isDark() ? "dark" : "default",
        fontFamily: "inherit",
        securityLevel: "strict"
      });
      blocks.forEach(function (block) {
        if (!block.dataset.source) block.dataset.source = block.textContent;
        var id = "diagram-" + (++diagramCount);
        window.mermaid.render(id, block.dataset.source).then(function (result) {
          block.innerHTML = result.svg;
          block.classList.add("diagram--rendered");
          var svg = block.querySelector("svg");
          if (svg) {
            svg.setAttribute("role", "img");
            var label = block.getAttribute("aria-label") || "Diagramme";
            svg.setAttribute("aria-label", label);
          }
        });
      });
    });
  }

  // --- KaTeX --------------------------------------------------------------
  function renderMaths() {
    var maths = document.querySelectorAll(".arithmatex, .jupyter-wrapper .jp-MarkdownOutput");
    if (!maths.length) return;
    stylesheet("katex/katex.min.css");
    load("katex/katex.min.js")
      .then(function () { return load("katex/contrib/auto-render.min.js"); })
      .then(function () {
        maths.forEach(function (element) {
          window.renderMathInElement(element, {
            delimiters: [
              { left: "$$", right: "$$", display: true },
              { left: "$", right: "$", display: false },
              { left: "\\(", right: "\\)", display: false },
              { left: "\\[", right: "\\]", display: true }
            ],
            throwOnError: false
          });
        });
      });
  }

  function render() {
    renderDiagrams();
    renderMaths();
  }

  if (window.document$) {
    window.document$.subscribe(render);
  } else {
    document.addEventListener("DOMContentLoaded", render);
  }

  // Redraw the diagrams in the other colours when the reader switches palette.
  new MutationObserver(function () {
    document.querySelectorAll("div.diagram--rendered").forEach(function (block) {
      block.classList.remove("diagram--rendered");
    });
    renderDiagrams();
  }).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
})();
