// Turn TeX into MathML with the pinned KaTeX of node_modules (used by hooks/maths.py).
// Protocol: one JSON request per line on stdin, {"tex": "...", "display": bool};
// one JSON answer per line on stdout, {"html": "..."} or {"error": "..."}.
"use strict";
const katex = require("katex");
const readline = require("readline");

const lines = readline.createInterface({ input: process.stdin });
lines.on("line", (line) => {
  const { tex, display } = JSON.parse(line);
  let answer;
  try {
    answer = {
      html: katex.renderToString(tex, {
        displayMode: display,
        // MathML only: browsers draw it natively and screen readers read it;
        // no stylesheet, font or script to download (KaTeX's HTML output
        // would add about 1.3 KB per formula and 300 KB of CSS and fonts).
        output: "mathml",
        throwOnError: true,
        strict: "error",
      }),
    };
  } catch (error) {
    answer = { error: String(error.message || error) };
  }
  if (answer.html) {
    // KaTeX repeats the TeX source in an <annotation> that browsers never show
    // and screen readers skip: dropped, about 70 bytes per formula.
    answer.html = answer.html.replace(/<annotation encoding="application\/x-tex">[\s\S]*?<\/annotation>/g, "");
  }
  process.stdout.write(JSON.stringify(answer) + "\n");
});
