/*
 * KPI calculators (snippets/calculateurs/*.md): NPS, attrition and retention, CLV,
 * break-even response rate, RFM score of one customer. Each <form class="calculateur" data-calculateur="…"> gets
 * its result in its <output aria-live="polite">, recomputed as the reader types.
 * Same formulas as the marketing_kpi package (tests/browser/test_calculators.py
 * checks the displayed figures against it). French number formatting; a bad input
 * gives a French message, never NaN or Infinity. Initialised on Material's document$
 * (instant navigation).
 * The RFM calculator types no threshold: hooks/rfm_calculator.py writes the course's
 * cut-offs, CDNOW's M thresholds and the segment grid into the form's data attributes.
 */
(function () {
  "use strict";

  var MINUS = "\u2212";

  function fmt(x, decimals, options) {
    var opts = { minimumFractionDigits: 0, maximumFractionDigits: decimals };
    for (var key in options || {}) opts[key] = options[key];
    var text = new Intl.NumberFormat("fr-FR", opts).format(x).replace(/^-/, MINUS);
    return /^\u2212[0,\s]*$/.test(text) ? text.slice(1) : text; // no "−0"
  }
  function number(x, decimals) { return fmt(x, decimals); }
  function euros(x) {
    return fmt(x, 2, { minimumFractionDigits: 2 }) + "\u00a0€";
  }
  function percent(share, decimals) { return fmt(100 * share, decimals) + "\u202f%"; }
  function signed(points) {
    var text = fmt(points, 0);
    return text === "0" || text.charAt(0) === MINUS ? text : "+" + text;
  }

  function Problem(message) { this.message = message; }

  // Value of one input: a finite number, or a Problem naming the field.
  function read(form, name, what, optional) {
    var input = form.elements[name];
    if (input.validity && input.validity.badInput) throw new Problem(what + "\u202f: saisissez un nombre.");
    if (input.value.trim() === "") {
      if (optional) return null;
      throw new Problem(what + "\u202f: saisissez une valeur.");
    }
    var value = Number(input.value);
    if (!isFinite(value)) throw new Problem(what + "\u202f: saisissez un nombre.");
    return value;
  }
  function nonNegative(value, what) {
    if (value < 0) throw new Problem(what + "\u202f: saisissez une valeur positive ou nulle.");
    return value;
  }
  function whole(value, what) {
    if (Math.floor(value) !== value) throw new Problem(what + " doit être un nombre entier.");
    return value;
  }
  function retention(value, what) {
    nonNegative(value, what);
    if (value >= 100) throw new Problem(what + " doit être inférieur à 100\u202f%\u202f: avec 100\u202f%, aucun client ne part et la durée de vie serait infinie.");
    return value / 100;
  }

  // Numbers of a space-separated data attribute written by hooks/rfm_calculator.py.
  function thresholds(form, name) {
    return form.getAttribute(name).trim().split(/\s+/).map(Number);
  }
  function count(bounds, test) {
    return bounds.filter(test).length;
  }

  var calculators = {
    nps: function (form) {
      var p = whole(nonNegative(read(form, "promoteurs", "Le nombre de promoteurs"), "Le nombre de promoteurs"), "Le nombre de promoteurs");
      var q = whole(nonNegative(read(form, "passifs", "Le nombre de passifs"), "Le nombre de passifs"), "Le nombre de passifs");
      var d = whole(nonNegative(read(form, "detracteurs", "Le nombre de détracteurs"), "Le nombre de détracteurs"), "Le nombre de détracteurs");
      var n = p + q + d;
      if (n === 0) throw new Problem("Aucun répondant\u202f: saisissez au moins un effectif non nul.");
      return [
        ["NPS", signed(100 * (p - d) / n) + "\u00a0points"],
        ["Promoteurs", percent(p / n, 1)],
        ["Passifs", percent(q / n, 1)],
        ["Détracteurs", percent(d / n, 1)],
        ["Répondants", number(n, 0)]
      ];
    },
    attrition: function (form, source) {
      // The field typed in gives the other one.
      var fromChurn = source !== form.elements.retention;
      var name = fromChurn ? "attrition" : "retention";
      var what = fromChurn ? "Le taux d'attrition" : "Le taux de rétention";
      var other = form.elements[fromChurn ? "retention" : "attrition"];
      var value;
      try {
        value = nonNegative(read(form, name, what), what);
        if (value > 100) throw new Problem(what + " ne peut pas dépasser 100\u202f%.");
      } catch (problem) {
        other.value = "";
        throw problem;
      }
      var r = fromChurn ? (100 - value) / 100 : value / 100;
      other.value = String(Number((fromChurn ? 100 * r : 100 - value).toFixed(10)));
      if (r >= 1) throw new Problem("Avec une rétention de 100\u202f% (attrition nulle), aucun client ne part\u202f: la durée de vie espérée serait infinie.");
      return [
        ["Attrition", percent(1 - r, 2)],
        ["Rétention", percent(r, 2)],
        ["Durée de vie espérée", number(1 / (1 - r), 2) + "\u00a0périodes"]
      ];
    },
    clv: function (form) {
      var m = nonNegative(read(form, "marge", "La marge"), "La marge");
      var r = retention(read(form, "retention", "Le taux de rétention"), "Le taux de rétention");
      var d = read(form, "actualisation", "Le taux d'actualisation") / 100;
      if (d <= -1) throw new Problem("Le taux d'actualisation doit être supérieur à −100\u202f%.");
      var n = read(form, "horizon", "L'horizon", true);
      var value;
      if (n === null) {
        if (r >= 1 + d) throw new Problem("Sans horizon, la somme ne converge que si la rétention est inférieure à 1 + le taux d'actualisation\u202f: indiquez un horizon.");
        value = m * r / (1 + d - r);
      } else {
        if (n < 1 || Math.floor(n) !== n) throw new Problem("L'horizon doit être un nombre entier de périodes, au moins 1.");
        if (n > 1000) throw new Problem("L'horizon ne peut pas dépasser 1\u202f000 périodes\u202f; laissez-le vide pour un horizon illimité.");
        value = 0;
        for (var t = 1; t <= n; t++) value += m * Math.pow(r, t) / Math.pow(1 + d, t);
      }
      var span = n === null ? "sans horizon" : "sur " + number(n, 0) + (n === 1 ? " période" : "\u00a0périodes");
      return [
        ["CLV " + span + ", première marge en fin de période 1", euros(value)],
        ["Variante qui compte aussi la marge de la première période", euros(m + value)]
      ];
    },
    rfm: function (form) {
      var days = whole(nonNegative(read(form, "recence", "Le nombre de jours depuis le dernier achat"), "Le nombre de jours depuis le dernier achat"), "Le nombre de jours depuis le dernier achat");
      var f = whole(read(form, "frequence", "Le nombre de jours d'achat"), "Le nombre de jours d'achat");
      if (f < 1) throw new Problem("Le nombre de jours d'achat doit valoir au moins 1\u202f: un client a acheté au moins un jour.");
      var m = nonNegative(read(form, "montant", "Le montant moyen"), "Le montant moyen");
      // R: upper bounds in days of levels 4, 3, 2 (DEFAULT_CUTOFFS["R"]), as rfm_scores.
      var boundsR = thresholds(form, "data-seuils-r");
      var r = 1 + count(boundsR, function (b) { return days <= b; });
      // F: lower bounds of levels 2 to 5 (DEFAULT_CUTOFFS["F"]).
      var fScore = 1 + count(thresholds(form, "data-seuils-f"), function (b) { return f >= b; });
      // M: 1 + the number of CDNOW thresholds strictly below the basket (quintile rule).
      var mScore = 1 + count(thresholds(form, "data-seuils-m"), function (b) { return m > b; });
      var grid = JSON.parse(form.getAttribute("data-segments"));
      var segment = Object.keys(grid).filter(function (name) {
        var box = grid[name];
        return box[0][0] <= r && r <= box[0][1] && box[1][0] <= fScore && fScore <= box[1][1];
      })[0];
      return [
        ["Score R (récence)", String(r)],
        ["Score F (fréquence)", String(fScore)],
        ["Score M (montant)", String(mScore)],
        ["Code RFM", String(r) + String(fScore) + String(mScore)],
        ["Segment", segment]
      ];
    },
    seuil: function (form) {
      var c = nonNegative(read(form, "cout", "Le coût par contact"), "Le coût par contact");
      var m = nonNegative(read(form, "marge", "La marge par commande"), "La marge par commande");
      if (m === 0) throw new Problem("La marge par commande doit être positive\u202f: sans marge, aucun taux de réponse ne couvre le coût.");
      var rows = [["Taux de réponse de rentabilité", percent(c / m, 2)]];
      if (c > m) rows.push(["Attention", "supérieur à 100\u202f%\u202f: la campagne ne peut pas être rentable"]);
      return rows;
    }
  };

  function show(form, source) {
    var output = form.querySelector("output");
    var compute = calculators[form.getAttribute("data-calculateur")];
    output.textContent = "";
    output.classList.remove("calculateur__resultat--erreur");
    try {
      compute(form, source).forEach(function (row) {
        var line = document.createElement("span");
        line.className = "calculateur__ligne";
        line.appendChild(document.createTextNode(row[0] + "\u202f: "));
        var value = document.createElement("strong");
        value.textContent = row[1];
        line.appendChild(value);
        output.appendChild(line);
      });
    } catch (problem) {
      if (!(problem instanceof Problem)) throw problem;
      output.classList.add("calculateur__resultat--erreur");
      var message = document.createElement("span");
      message.className = "calculateur__erreur";
      message.textContent = problem.message;
      output.appendChild(message);
    }
  }

  function init() {
    document.querySelectorAll("form.calculateur:not(.calculateur--pret)").forEach(function (form) {
      form.classList.add("calculateur--pret");
      form.addEventListener("submit", function (event) { event.preventDefault(); });
      form.addEventListener("input", function (event) { show(form, event.target); });
      show(form, null);
    });
  }

  if (window.document$) {
    window.document$.subscribe(init);
  } else {
    document.addEventListener("DOMContentLoaded", init);
  }
})();
