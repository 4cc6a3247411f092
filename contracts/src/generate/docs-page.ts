import { topicOf } from '../topics.js';
import { dataSchemaOf, type BoundedContext, type EventDefinition } from '../define-event.js';
import { dataJsonSchemaOf, versionedNameOf } from './event-schema.js';
import { exampleEventOf } from './example-event.js';
import { fieldTablesOf, type FieldRow } from './field-rows.js';
import { anchorOf, escapeHtml as h } from './html.js';
import { byCodePoint } from './stable-json.js';

const style = `
body { font: 15px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 72rem; padding: 1rem 2rem; color: #1d2430; }
nav ul { columns: 3; } h2 { border-bottom: 2px solid #2a6f97; margin-top: 3rem; } h3 { margin-top: 2rem; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #ccd3dc; padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #eef2f6; } caption { text-align: left; font-style: italic; padding: .5rem 0 .2rem; }
code, pre { font: 13px ui-monospace, monospace; } pre { background: #f5f7f9; padding: .75rem; overflow-x: auto; }
.special-category { color: #a4161a; font-weight: 600; } .personal { color: #9a5b00; }
dl { display: grid; grid-template-columns: max-content auto; gap: .2rem 1rem; }
`;

/** The static HTML catalogue: one section per bounded context, one entry per event version. */
export function renderDocsPage(catalogue: readonly EventDefinition[]): string {
  const definitions = [...catalogue].sort((a, b) => byCodePoint(versionedNameOf(a), versionedNameOf(b)));
  const contexts = [...new Set(definitions.map((d) => d.context))].sort(byCodePoint);
  const sections = contexts.map((context) => contextSection(context, definitions.filter((d) => d.context === context)));
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Traiettorie event catalogue</title>
<style>${style}</style>
</head>
<body>
<h1>Traiettorie event catalogue</h1>
<p>${definitions.length} event versions in ${contexts.length} bounded contexts, as CloudEvents 1.0 on Kafka.
Generated from <code>contracts/src/catalogue.ts</code> by <code>npm run contracts:generate</code> (or <code>contracts:docs</code>);
machine-readable: <a href="../asyncapi.yaml">asyncapi.yaml</a> and one JSON Schema per event version.</p>
<nav><ul>
${definitions.map((d) => `<li><a href="#${anchorOf(versionedNameOf(d))}">${h(d.type)} v${d.version}</a></li>`).join('\n')}
</ul></nav>
${sections.join('\n')}
</body>
</html>
`;
}

function contextSection(context: BoundedContext, definitions: readonly EventDefinition[]): string {
  return `<section id="${anchorOf(context)}">
<h2>${h(context)}</h2>
<p>Kafka topic <code>${h(topicOf(context))}</code>.</p>
${definitions.map(eventEntry).join('\n')}
</section>`;
}

function eventEntry(definition: EventDefinition): string {
  const name = versionedNameOf(definition);
  return `<article id="${anchorOf(name)}">
<h3>${h(definition.type)} v${definition.version}</h3>
<p>${h(definition.description)}</p>
<dl>
<dt>Emitted by</dt><dd>${definition.emitters.map((e) => `<code>${h(e)}</code>`).join(', ')}</dd>
<dt>Topic</dt><dd><code>${h(topicOf(definition.context))}</code> (key: case id)</dd>
<dt>dataschema</dt><dd><code>${h(dataSchemaOf(definition))}</code> — <a href="../json-schema/${h(name)}.json">JSON Schema</a></dd>
</dl>
${fieldTables(definition)}
<details><summary>Example <code>data</code></summary>
<pre>${h(JSON.stringify(definition.example, null, 2))}</pre>
</details>
<details><summary>Example CloudEvent</summary>
<pre>${h(JSON.stringify(exampleEventOf(definition), null, 2))}</pre>
</details>
</article>`;
}

function fieldTables(definition: EventDefinition): string {
  return fieldTablesOf(dataJsonSchemaOf(definition))
    .map(({ caption, rows }) => fieldsTable(rows, caption))
    .join('\n');
}

function fieldsTable(rows: readonly FieldRow[], caption?: string): string {
  const body = rows.map(
    (row) =>
      `<tr><td><code>${h(row.path)}</code></td><td>${h(row.type)}</td><td>${row.required ? 'yes' : 'no'}</td>` +
      `<td class="${h(row.classification)}">${h(row.classification)}</td><td>${h(row.constraints)}</td></tr>`,
  );
  return `<table>${caption ? `\n<caption>${h(caption)}</caption>` : ''}
<thead><tr><th>field</th><th>type</th><th>required</th><th>classification</th><th>constraints</th></tr></thead>
<tbody>
${body.join('\n')}
</tbody>
</table>`;
}
