import { describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { anchorsOf, brokenLinksOf } from './markdown-links.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** Folders that hold no documents of ours: dependencies, build output, tool state. */
const notOurs = new Set(['node_modules', 'dist']);

/** Every Markdown file of the repository, relative to its root, in a stable order. */
function markdownFiles(dir = root): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      if (entry.isDirectory()) return entry.name.startsWith('.') || notOurs.has(entry.name) ? [] : markdownFiles(path.join(dir, entry.name));
      return entry.name.endsWith('.md') ? [path.relative(root, path.join(dir, entry.name))] : [];
    })
    .sort();
}

const documents = markdownFiles();

describe("the repository's documents", () => {
  it('are found: the README, every ADR and every other page under docs/', () => {
    const adrs = readdirSync(path.join(root, 'docs', 'adr')).filter((name) => name.endsWith('.md'));

    expect(documents).toContain('README.md');
    expect(documents).toContain('docs/data-classification.md');
    expect(adrs.length).toBeGreaterThanOrEqual(7);
    for (const adr of adrs) expect(documents).toContain(`docs/adr/${adr}`);
  });

  it.each(documents)('%s › links only to files and headings of the repository that exist, and cites no missing file', (file) => {
    expect(brokenLinksOf(root, file)).toEqual([]);
  });

  it("README › links every ADR of docs/adr", () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    const adrs = readdirSync(path.join(root, 'docs', 'adr')).filter((name) => name.endsWith('.md'));

    expect(adrs.filter((adr) => !readme.includes(`](docs/adr/${adr})`))).toEqual([]);
  });
});

describe('the link check', () => {
  function brokenIn(markdown: string) {
    const dir = mkdtempSync(path.join(tmpdir(), 'links-'));
    try {
      mkdirSync(path.join(dir, 'docs'));
      writeFileSync(path.join(dir, 'docs', 'other.md'), '# Other page\n\n## Its second part\n');
      writeFileSync(path.join(dir, 'README.md'), markdown);
      return brokenLinksOf(dir, 'README.md').map(({ line, target, reason }) => `${line} ${target} ${reason}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it('passes links to existing files and headings, here and in another page', () => {
    expect(brokenIn('# Top\n\nSee [other](docs/other.md), [part](docs/other.md#its-second-part), [top](#top) and `docs/other.md`.\n')).toEqual([]);
  });

  it('fails on a web link, whether inline, a reference, an autolink or a bare URL', () => {
    expect(
      brokenIn(['[a](https://example.org/a)', '[b]: http://example.org/b', '<https://example.org/c>', 'see http://example.org/d.', '[e](mailto:x@example.org)'].join('\n\n')),
    ).toEqual([
      '1 https://example.org/a leaves the repository',
      '3 http://example.org/b leaves the repository',
      '5 https://example.org/c leaves the repository',
      '7 http://example.org/d. leaves the repository',
      '9 mailto:x@example.org leaves the repository',
    ]);
  });

  it('fails on a relative link to a missing file or heading, or one that climbs out of the repository', () => {
    expect(brokenIn('[gone](docs/adr/0099-gone.md)\n[part](docs/other.md#no-such-part)\n[up](../outside.md)\n')).toEqual([
      '1 docs/adr/0099-gone.md no such file',
      '2 docs/other.md#no-such-part no such heading',
      '3 ../outside.md outside the repository',
    ]);
  });

  it('fails on a cited repository path that does not exist, or one outside the repository', () => {
    expect(brokenIn('The proofs are in `docs/gone.int.spec.ts`; more in `../shared/DOMAIN.md`.\n')).toEqual([
      '1 docs/gone.int.spec.ts no such file',
      '1 ../shared/DOMAIN.md outside the repository',
    ]);
  });

  it('reads no link in code: a URL in a code block or code span is an example', () => {
    expect(brokenIn('```\ncurl http://127.0.0.1:3001/cases\n[x](missing.md)\n```\n\nRun `curl http://localhost:3001`.\n')).toEqual([]);
  });

  it("names a heading's anchor as GitHub does, repeats numbered", () => {
    expect([...anchorsOf('# Traiettorie\n## Where PostgreSQL and Kafka come from\n## Keys\n### Keys\n## `npm start`, again: 2 cores\n')]).toEqual([
      'traiettorie',
      'where-postgresql-and-kafka-come-from',
      'keys',
      'keys-1',
      'npm-start-again-2-cores',
    ]);
  });
});
