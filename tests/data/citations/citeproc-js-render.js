// Render CSL-JSON items with citeproc-js, the CSL processor Zotero uses: the reference our citations are held to.
//
// usage: node citeproc-js-render.js ITEMS.json STYLE.csl LOCALE.xml bib|notes text|html [PLAN.json]
//   bib    prints [{"id", "text"}], every item, in the style's bibliography order
//   notes  prints {"notes": [{"number", "text"}]}: one citation per note of PLAN.json
//          ({"notes": [{"number", "sources": [key, ...]}]}), each in a note of its own number, so
//          citeproc-js decides first, ibid and subsequent positions from the notes before it
// The npm package `citeproc` must be on NODE_PATH. Anything citeproc-js reports goes to stderr.
'use strict';
const fs = require('fs');
const CSL = require('citeproc');

function readJson(path) {
  return JSON.parse(fs.readFileSync(path, 'utf8'));
}

function engineFor(items, stylePath, localePath, format) {
  const byId = new Map(items.map((item) => [item.id, item]));
  const locale = fs.readFileSync(localePath, 'utf8');
  const system = {
    retrieveLocale: () => locale,
    retrieveItem: (id) => byId.get(id),
  };
  // The locale is forced so that both processors use the same one.
  const engine = new CSL.Engine(system, fs.readFileSync(stylePath, 'utf8'), 'en-US', true);
  engine.setOutputFormat(format);
  return engine;
}

// citeproc-js wraps each entry in a div and breaks lines; we compare the entry's text alone.
function entryText(html) {
  return html.replace(/<div class="csl-entry">|<\/div>/g, '').replace(/\s*\n\s*/g, ' ').trim();
}

function bibliography(engine, items) {
  engine.updateItems(items.map((item) => item.id));
  const [meta, entries] = engine.makeBibliography();
  if (meta.bibliography_errors.length) {
    process.stderr.write(`bibliography errors: ${JSON.stringify(meta.bibliography_errors)}\n`);
  }
  return meta.entry_ids.map((ids, index) => ({ id: ids[0], text: entryText(entries[index]) }));
}

function notes(engine, plan) {
  const before = [];
  const rendered = [];
  for (const note of plan.notes) {
    const citation = {
      citationID: `note-${note.number}`,
      citationItems: note.sources.map((id) => ({ id })),
      properties: { noteIndex: note.number },
    };
    const [status, updates] = engine.processCitationCluster(citation, before, []);
    if (status.bibchange === undefined || status.citation_errors.length) {
      process.stderr.write(`citation errors in note ${note.number}: ${JSON.stringify(status.citation_errors)}\n`);
    }
    // The update for this citation is the one at its own index; earlier notes never change (no disambiguation).
    const own = updates.find(([index]) => index === before.length);
    rendered.push({ number: note.number, text: entryText(own[1]) });
    before.push([citation.citationID, note.number]);
  }
  return { notes: rendered };
}

function main(argv) {
  const [itemsPath, stylePath, localePath, mode, format, planPath] = argv;
  const items = readJson(itemsPath);
  const engine = engineFor(items, stylePath, localePath, format);
  const result = mode === 'bib' ? bibliography(engine, items) : notes(engine, readJson(planPath));
  process.stdout.write(`${JSON.stringify(result, null, 1)}\n`);
}

main(process.argv.slice(2));
