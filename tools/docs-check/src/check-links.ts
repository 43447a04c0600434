/**
 * The link rule: every relative link in a Markdown file resolves inside the repository.
 *
 * - `http:`, `https:` and `mailto:` links are allowed and not fetched (no network).
 * - Any other scheme, an absolute path (`/x`, `C:\x`) and a path that leaves the repository
 *   (`../outside/…`) are broken: a clone does not have them.
 * - A relative path must name an existing file or directory that git does not ignore.
 * - `#anchor` (alone, or after a Markdown file) must be a heading of that file (GitHub slug).
 */
import { posix } from 'node:path';
import { anchorsOf, extractLinks } from './markdown';

/** The repository as the check sees it; paths are relative to its root, `/`-separated. */
export interface RepositoryView {
  kindOf(path: string): 'file' | 'directory' | undefined;
  readText(path: string): string;
  /** True when git ignores the path (a clone will not have it). */
  isIgnored(path: string): boolean;
}

export interface BrokenLink {
  readonly file: string;
  readonly line: number;
  readonly target: string;
  readonly reason: string;
}

const ALLOWED_SCHEMES = new Set(['http', 'https', 'mailto']);

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Why the link is broken, or undefined when it resolves. */
export function problemOf(
  view: RepositoryView,
  file: string,
  target: string,
  anchorsCache: Map<string, Set<string>>,
): string | undefined {
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(target)?.[1];
  if (scheme !== undefined && !/^[a-zA-Z]:[\\/]/.test(target)) {
    return ALLOWED_SCHEMES.has(scheme.toLowerCase())
      ? undefined
      : `scheme "${scheme}:" is not allowed`;
  }
  if (target.startsWith('//')) return 'protocol-relative URL: use https://';
  const hashAt = target.indexOf('#');
  const pathPart = (hashAt === -1 ? target : target.slice(0, hashAt)).replace(/\?.*$/, '');
  const anchor = hashAt === -1 ? undefined : decoded(target.slice(hashAt + 1));
  const path = decoded(pathPart);
  if (path.startsWith('/') || path.startsWith('\\') || /^[a-zA-Z]:[\\/]/.test(path)) {
    return 'absolute path: link relative to the file instead';
  }
  let resolved = file;
  if (path !== '') {
    resolved = posix.normalize(posix.join(posix.dirname(file), path)).replace(/\/$/, '');
    if (resolved === '..' || resolved.startsWith('../')) {
      return 'points outside the repository: a clone does not have it';
    }
    if (resolved === '.') resolved = '';
    const kind = resolved === '' ? 'directory' : view.kindOf(resolved);
    if (kind === undefined) return `no such file: ${resolved}`;
    if (resolved !== '' && view.isIgnored(resolved)) {
      return `${resolved} is ignored by git: a clone does not have it`;
    }
    if (kind === 'directory' || anchor === undefined) return undefined;
  }
  if (anchor === undefined || anchor === '' || !/\.md$/i.test(resolved)) return undefined;
  let anchors = anchorsCache.get(resolved);
  if (anchors === undefined) {
    anchors = anchorsOf(view.readText(resolved));
    anchorsCache.set(resolved, anchors);
  }
  return anchors.has(anchor) ? undefined : `no heading with anchor #${anchor} in ${resolved}`;
}

/** Every broken link of the given Markdown files, in file and line order. */
export function checkLinks(view: RepositoryView, markdownFiles: readonly string[]): BrokenLink[] {
  const anchorsCache = new Map<string, Set<string>>();
  const broken: BrokenLink[] = [];
  for (const file of markdownFiles) {
    for (const link of extractLinks(view.readText(file))) {
      const reason = problemOf(view, file, link.target, anchorsCache);
      if (reason !== undefined) broken.push({ file, line: link.line, target: link.target, reason });
    }
  }
  return broken;
}

/** One line per broken link: `file:line: target (reason)`. */
export function formatBroken(broken: readonly BrokenLink[]): string {
  return broken
    .map((link) => `${link.file}:${link.line}: ${link.target} (${link.reason})`)
    .join('\n');
}
