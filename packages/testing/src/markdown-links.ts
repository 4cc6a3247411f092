/**
 * Finds the links of a Markdown document that a reader of the repository
 * cannot follow: a link that leaves the repository (any URL with a scheme,
 * http(s) above all), a relative link to a file that does not exist or to a
 * heading a Markdown file does not have, and a file path cited in code
 * (`packages/…/x.ts`) that no longer exists. Code blocks and code spans hold
 * no links: a URL inside them is an example, not a link.
 *
 * Test-only: imported by path from the docs spec, not exported from the package index.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** One link a reader cannot follow, with where it stands. */
export interface BrokenLink {
  /** The Markdown file, relative to the repository root. */
  file: string;
  line: number;
  target: string;
  reason: 'leaves the repository' | 'no such file' | 'no such heading' | 'outside the repository';
}

interface Found {
  line: number;
  target: string;
}

/** The document's lines with fenced code blocks blanked out, so line numbers stay. */
function withoutFences(markdown: string): string[] {
  let fence: string | undefined;
  return markdown.split('\n').map((text) => {
    const opening = /^\s*(```+|~~~+)/.exec(text)?.[1];
    if (fence !== undefined) {
      if (opening !== undefined && opening[0] === fence[0] && opening.length >= fence.length) fence = undefined;
      return '';
    }
    if (opening !== undefined) fence = opening;
    return opening !== undefined ? '' : text;
  });
}

/** The prose of a document (no code blocks, code spans blanked) and its code spans. */
function withoutCode(markdown: string): { prose: string; codeSpans: Found[] } {
  const codeSpans: Found[] = [];
  const prose = withoutFences(markdown).map((text, index) =>
    text.replace(/(`+)([^`]|[^`].*?[^`])\1(?!`)/g, (_span, _ticks: string, code: string) => {
      codeSpans.push({ line: index + 1, target: code.trim() });
      return ' ';
    }),
  );
  return { prose: prose.join('\n'), codeSpans };
}

/** Every link target of the prose: inline links and images, reference definitions, autolinks, HTML href/src, and bare URLs. */
function linkTargets(prose: string): Found[] {
  const patterns = [
    /\]\(\s*<([^>]*)>/g, // [text](<target>)
    /\]\(\s*([^)\s]*)/g, // [text](target "title")
    /^\s{0,3}\[[^\]]+\]:\s*<?([^\s>]+)/g, // [label]: target
    /<([a-z][a-z0-9+.-]*:[^>\s]*)>/gi, // <scheme:…>
    /\b(?:href|src)\s*=\s*["']([^"']*)["']/gi, // <a href="…">
    /\b((?:https?|ftp):\/\/[^\s)>\]]+)/gi, // a bare URL, which renderers link too
  ];
  const found: Found[] = [];
  prose.split('\n').forEach((text, index) => {
    let rest = text;
    for (const pattern of patterns) {
      rest = rest.replace(pattern, (whole: string, target: string) => {
        found.push({ line: index + 1, target });
        return ' '.repeat(whole.length);
      });
    }
  });
  return found;
}

/** GitHub's anchor for a heading: its text in lower case, punctuation dropped, spaces as dashes. */
export function headingAnchor(heading: string): string {
  return heading
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** The anchors of a Markdown document's ATX headings (`## Keys` → `keys`; repeats get `-1`, `-2`). */
export function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const text of withoutFences(markdown)) {
    const heading = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(text)?.[1];
    if (heading === undefined) continue;
    const base = headingAnchor(heading);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

/** A code span that names a file of the repository: it starts with one of the repository's top-level folders. */
function citedPath(code: string, topLevel: ReadonlySet<string>): string | undefined {
  if (!/^[\w.@-]+\/[\w./@-]*$/.test(code)) return undefined;
  return topLevel.has(code.split('/')[0] ?? '') ? code : undefined;
}

/**
 * The broken links of one Markdown file of the repository at `root`.
 * `file` is relative to `root`.
 */
export function brokenLinksOf(root: string, file: string): BrokenLink[] {
  const absolute = path.join(root, file);
  const markdown = readFileSync(absolute, 'utf8');
  const { prose, codeSpans } = withoutCode(markdown);
  const broken: BrokenLink[] = [];
  const inRepository = (target: string) => {
    const relative = path.relative(root, target);
    return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
  };

  for (const { line, target } of linkTargets(prose)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//')) {
      broken.push({ file, line, target, reason: 'leaves the repository' });
      continue;
    }
    const [pathPart = '', fragment] = target.split('#', 2);
    const resolved = pathPart === '' ? absolute : path.resolve(path.dirname(absolute), decodeURIComponent(pathPart.split('?')[0] ?? ''));
    if (!inRepository(resolved)) {
      broken.push({ file, line, target, reason: 'outside the repository' });
    } else if (!existsSync(resolved)) {
      broken.push({ file, line, target, reason: 'no such file' });
    } else if (fragment !== undefined && resolved.endsWith('.md') && statSync(resolved).isFile()) {
      if (!anchorsOf(readFileSync(resolved, 'utf8')).has(fragment)) broken.push({ file, line, target, reason: 'no such heading' });
    }
  }

  const topLevel = new Set(
    [...new Set(codeSpans.map((s) => s.target.split('/')[0] ?? ''))].filter((name) => name !== '' && existsSync(path.join(root, name))),
  );
  for (const { line, target } of codeSpans) {
    if (target.startsWith('../')) {
      broken.push({ file, line, target, reason: 'outside the repository' });
      continue;
    }
    const cited = citedPath(target, topLevel);
    if (cited !== undefined && !existsSync(path.join(root, cited))) broken.push({ file, line, target, reason: 'no such file' });
  }
  return broken;
}
