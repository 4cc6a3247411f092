import type { EventDefinition } from '../define-event.js';
import { asyncApiYamlOf } from './asyncapi-document.js';
import { renderDocsPage } from './docs-page.js';
import { eventJsonSchemaOf, versionedNameOf } from './event-schema.js';
import { stableJson } from './stable-json.js';

/** A file the generator writes, at a path relative to the contracts workspace (`generated/asyncapi.yaml`). */
export interface Artefact {
  readonly path: string;
  readonly content: string;
}

export const generatedDir = 'generated';
export const publishedDir = 'published';
export const docsPath = `${generatedDir}/docs/index.html`;

/** Everything under `generated/`: one JSON Schema per event version, the AsyncAPI document and the HTML docs. */
export function generatedArtefacts(catalogue: readonly EventDefinition[], options: { version: string }): Artefact[] {
  assertUniqueVersions(catalogue);
  return [
    ...catalogue.map((d) => ({
      path: `${generatedDir}/json-schema/${versionedNameOf(d)}.json`,
      content: stableJson(eventJsonSchemaOf(d)),
    })),
    { path: `${generatedDir}/asyncapi.yaml`, content: asyncApiYamlOf(catalogue, options) },
    docsArtefact(catalogue),
  ].sort((a, b) => (a.path < b.path ? -1 : 1));
}

export function docsArtefact(catalogue: readonly EventDefinition[]): Artefact {
  return { path: docsPath, content: renderDocsPage(catalogue) };
}

/** The snapshot each event version gets once published; written only if missing, then never changed. */
export function snapshotArtefacts(catalogue: readonly EventDefinition[]): Artefact[] {
  assertUniqueVersions(catalogue);
  return catalogue.map((d) => ({ path: snapshotPathOf(d), content: stableJson(eventJsonSchemaOf(d)) }));
}

export function snapshotPathOf(definition: Pick<EventDefinition, 'type' | 'version'>): string {
  return `${publishedDir}/${versionedNameOf(definition)}.json`;
}

function assertUniqueVersions(catalogue: readonly EventDefinition[]): void {
  const names = catalogue.map(versionedNameOf);
  const duplicate = names.find((name, i) => names.indexOf(name) !== i);
  if (duplicate !== undefined) throw new Error(`the catalogue lists ${duplicate} more than once`);
}
