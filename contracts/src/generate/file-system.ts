import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Artefact } from './artefacts.js';

/** Every file under `dir` by its path relative to `base` (posix separators); empty if `dir` does not exist. */
export async function readTree(base: string, dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const entries = await readdir(path.join(base, dir), { withFileTypes: true, recursive: true }).catch(() => []);
  for (const entry of entries.filter((e) => e.isFile())) {
    const absolute = path.join(entry.parentPath, entry.name);
    files.set(path.relative(base, absolute).split(path.sep).join('/'), await readFile(absolute, 'utf8'));
  }
  return files;
}

/** Writes artefacts whose content changed (or, with `onlyMissing`, that do not exist); returns the paths written. */
export async function writeArtefacts(
  base: string,
  artefacts: readonly Artefact[],
  options: { onlyMissing?: boolean } = {},
): Promise<string[]> {
  const written: string[] = [];
  for (const artefact of artefacts) {
    const file = path.join(base, artefact.path);
    const existing = await readFile(file, 'utf8').catch(() => undefined);
    if (existing === artefact.content || (options.onlyMissing && existing !== undefined)) continue;
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, artefact.content);
    written.push(artefact.path);
  }
  return written;
}

/** Deletes the files under `dir` that are not among `keep`; returns the paths removed. */
export async function removeOthers(base: string, dir: string, keep: readonly Artefact[]): Promise<string[]> {
  const kept = new Set(keep.map((a) => a.path));
  const others = [...(await readTree(base, dir)).keys()].filter((p) => !kept.has(p));
  for (const other of others) await rm(path.join(base, other));
  return others;
}
