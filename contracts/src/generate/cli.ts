#!/usr/bin/env node
/**
 * The contracts generator's command line:
 *   generate  write generated/ (JSON Schemas, AsyncAPI, HTML docs) and publish missing snapshots
 *   publish   write the published/ snapshot of every catalogue version that has none
 *   docs      write generated/docs/index.html only
 *   check     fail on breaking changes to published versions, or on stale generated files
 * Options: --dir <contracts workspace> (default: this package).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { catalogue as latest, upcasters } from '../catalogue.js';
import { docsArtefact, generatedArtefacts, generatedDir, publishedDir, snapshotArtefacts } from './artefacts.js';
import { checkContracts } from './contract-check.js';
import { readTree, removeOthers, writeArtefacts } from './file-system.js';

/** Every version still readable: the latest of each type and the older ones the upcasters lift. */
const catalogue = [...latest, ...upcasters.map((u) => u.from)];

const [command, ...options] = process.argv.slice(2);
const dirOption = options.indexOf('--dir');
const base = dirOption >= 0 ? path.resolve(options[dirOption + 1] ?? '.') : fileURLToPath(new URL('../../', import.meta.url));
const shown = (relative: string): string => path.relative(process.cwd(), path.join(base, relative)) || '.';

async function packageVersion(): Promise<string> {
  const manifest = JSON.parse(await readFile(path.join(base, 'package.json'), 'utf8')) as { version?: string };
  return manifest.version ?? '0.0.0';
}

async function generate(): Promise<void> {
  const artefacts = generatedArtefacts(catalogue, { version: await packageVersion() });
  const written = await writeArtefacts(base, artefacts);
  const removed = await removeOthers(base, generatedDir, artefacts);
  for (const file of written) console.log(`wrote ${shown(file)}`);
  for (const file of removed) console.log(`removed ${shown(file)}`);
  const unchanged = artefacts.length - written.length;
  console.log(`${catalogue.length} event versions: ${written.length} generated files written, ${unchanged} unchanged`);
  await publish();
}

async function publish(): Promise<void> {
  const written = await writeArtefacts(base, snapshotArtefacts(catalogue), { onlyMissing: true });
  for (const file of written) console.log(`published ${shown(file)}`);
  if (written.length === 0) console.log('no new event versions to publish');
}

async function docs(): Promise<void> {
  const written = await writeArtefacts(base, [docsArtefact(catalogue)]);
  console.log(`${written.length ? 'wrote' : 'unchanged:'} ${shown(docsArtefact(catalogue).path)}`);
}

async function check(): Promise<number> {
  const snapshots = await readTree(base, publishedDir);
  const published = new Map([...snapshots].map(([file, text]) => [path.posix.basename(file), parseSnapshot(file, text)]));
  const report = checkContracts({
    catalogue,
    published,
    expected: generatedArtefacts(catalogue, { version: await packageVersion() }),
    onDisk: await readTree(base, generatedDir),
  });
  if (report.breaking.length > 0) {
    console.error(`Breaking changes to published event versions (publish a new version instead):`);
    for (const line of report.breaking) console.error(`  ${line}`);
  }
  if (report.stale.length > 0) {
    console.error(`Generated contracts are out of date; run \`npm run contracts:generate\` and commit the result:`);
    for (const line of report.stale) console.error(`  ${shown(line)}`);
  }
  if (report.breaking.length > 0 || report.stale.length > 0) return 1;
  console.log(`contracts ok: ${published.size} published versions compatible, generated files up to date`);
  return 0;
}

function parseSnapshot(file: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new Error(`${shown(file)} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

const commands: Record<string, () => Promise<number | void>> = { generate, publish, docs, check };
const run = command === undefined ? undefined : commands[command];
if (!run) {
  console.error(`usage: cli.js <${Object.keys(commands).join('|')}> [--dir <contracts workspace>]`);
  process.exitCode = 2;
} else {
  try {
    process.exitCode = (await run()) ?? 0;
  } catch (error) {
    console.error(`contracts ${command} failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
