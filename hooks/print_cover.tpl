<div class="print-cover">
  <h1>{{ config.site_name }}</h1>
  <p>Le cours complet : marketing stratégique, relation client et fidélisation, marketing multicanal, écosystème digital, Business Model Canvas, notebooks, glossaire et bibliographie.</p>
  <p>Les réponses des quiz sont dans l'annexe « Corrigés des quiz », à la fin du document.</p>
  <p>{{ config.copyright }}</p>
</div>
