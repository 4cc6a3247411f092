import type { EventDefinition } from '../define-event.js';
import type { Artefact } from './artefacts.js';
import { formatBreakingChange } from './breaking-change.js';
import { compareSchemas } from './compatibility.js';
import { eventJsonSchemaOf, versionedNameOf } from './event-schema.js';

/** What `contracts:check` looks at, already read from disk. */
export interface CheckInput {
  readonly catalogue: readonly EventDefinition[];
  /** Published snapshots by file name (`CaseOpened.v1.json`), parsed. */
  readonly published: ReadonlyMap<string, unknown>;
  /** What the generator would write under `generated/`. */
  readonly expected: readonly Artefact[];
  /** What is under `generated/` now, by the same relative paths. */
  readonly onDisk: ReadonlyMap<string, string>;
}

/** The check's findings, one line each; empty lists mean the contracts are sound. */
export interface CheckReport {
  readonly breaking: string[];
  readonly stale: string[];
}

const snapshotName = /^(?<type>.+)\.v(?<version>\d+)\.json$/;

/**
 * Every published version must still be in the catalogue and accept what it
 * accepted when published; generated files must match the catalogue; every
 * catalogue version must have its snapshot.
 */
export function checkContracts(input: CheckInput): CheckReport {
  const breaking: string[] = [];
  const byName = new Map(input.catalogue.map((d) => [`${versionedNameOf(d)}.json`, d]));
  for (const [file, snapshot] of [...input.published].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const match = snapshotName.exec(file)?.groups;
    const [type, version] = [match?.['type'] ?? file, Number(match?.['version'] ?? 0)];
    const definition = byName.get(file);
    if (!definition) {
      breaking.push(`${type} v${version}: (event): version-removed (published, but no longer in the catalogue)`);
      continue;
    }
    for (const change of compareSchemas(snapshot, eventJsonSchemaOf(definition))) {
      breaking.push(formatBreakingChange(type, version, change));
    }
  }
  return { breaking, stale: [...staleFiles(input), ...unpublished(input, byName)] };
}

function staleFiles(input: CheckInput): string[] {
  const expected = new Set(input.expected.map((a) => a.path));
  const stale = input.expected.flatMap((artefact) => {
    const actual = input.onDisk.get(artefact.path);
    if (actual === undefined) return [`${artefact.path}: missing`];
    return actual === artefact.content ? [] : [`${artefact.path}: differs from the catalogue`];
  });
  const orphans = [...input.onDisk.keys()].filter((path) => !expected.has(path)).map((path) => `${path}: not generated from the catalogue`);
  return [...stale, ...orphans].sort();
}

function unpublished(input: CheckInput, byName: ReadonlyMap<string, EventDefinition>): string[] {
  return [...byName.keys()].filter((file) => !input.published.has(file)).map((file) => `published/${file}: missing (not yet published)`);
}
