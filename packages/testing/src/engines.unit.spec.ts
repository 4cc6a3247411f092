import { describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import semver from 'semver';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

interface Manifest {
  name?: string;
  version?: string;
  engines?: { node?: unknown };
}

/** Every installed package's manifest under node_modules, nested ones included. */
function installedManifests(dir: string, found: Manifest[] = []): Manifest[] {
  if (!existsSync(dir)) return found;
  for (const entry of readdirSync(dir)) {
    if (entry.startsWith('.')) continue;
    const full = path.join(dir, entry);
    if (entry.startsWith('@')) {
      installedManifests(full, found);
      continue;
    }
    const manifest = path.join(full, 'package.json');
    if (existsSync(manifest)) found.push(JSON.parse(readFileSync(manifest, 'utf8')) as Manifest);
    installedManifests(path.join(full, 'node_modules'), found);
  }
  return found;
}

describe('the Node versions the README promises', () => {
  it('every installed package supports the oldest Node that package.json accepts', () => {
    const declared = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as Manifest).engines?.node as string;
    const oldest = semver.minVersion(declared)!.version;
    expect(oldest).toBe('20.19.0');
    const manifests = installedManifests(path.join(root, 'node_modules'));
    expect(manifests.length).toBeGreaterThan(500);
    const refusing = manifests
      .filter((m) => typeof m.engines?.node === 'string' && semver.validRange(m.engines.node))
      .filter((m) => !semver.satisfies(oldest, m.engines!.node as string))
      .map((m) => `${m.name}@${m.version} wants node ${String(m.engines!.node)}`);
    expect(refusing).toEqual([]);
  });
});
