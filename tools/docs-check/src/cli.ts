/**
 * `npx tsx tools/docs-check/src/cli.ts`: checks the links of every Markdown file git
 * tracks (plus new, not yet added ones git does not ignore), prints each broken link as
 * `file:line: target (reason)` and exits 1 if there is any. No network: http(s) links are
 * allowed, not fetched. Run by `nx run docs-check:check-links`, which `lint` depends on.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkLinks, formatBroken, type RepositoryView } from './check-links';

const root = resolve(__dirname, '..', '..', '..');

function git(args: readonly string[], input?: string): string {
  return execFileSync('git', args, { cwd: root, encoding: 'utf8', input, maxBuffer: 64 << 20 });
}

function markdownFiles(): string[] {
  return git(['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', '*.md'])
    .split('\0')
    .filter((path) => path !== '' && !path.split('/').includes('node_modules'))
    .filter((path) => view.kindOf(path) === 'file')
    .sort();
}

const ignoredCache = new Map<string, boolean>();
const entriesCache = new Map<string, Set<string>>();

/** True when every segment of the path is spelt as on disk (a case-insensitive disk would hide `readme.md`). */
function exactCase(path: string): boolean {
  const segments = path.split('/');
  return segments.every((segment, index) => {
    const parent = segments.slice(0, index).join('/');
    let entries = entriesCache.get(parent);
    if (entries === undefined) {
      entries = new Set(readdirSync(join(root, parent)));
      entriesCache.set(parent, entries);
    }
    return entries.has(segment);
  });
}

const view: RepositoryView = {
  kindOf(path) {
    try {
      const stats = statSync(join(root, path));
      if (!exactCase(path)) return undefined;
      return stats.isDirectory() ? 'directory' : stats.isFile() ? 'file' : undefined;
    } catch {
      return undefined;
    }
  },
  readText(path) {
    return readFileSync(join(root, path), 'utf8');
  },
  isIgnored(path) {
    let ignored = ignoredCache.get(path);
    if (ignored === undefined) {
      // `git check-ignore` exits 1 when the path is not ignored.
      try {
        git(['check-ignore', '-q', '--', path]);
        ignored = true;
      } catch {
        ignored = false;
      }
      ignoredCache.set(path, ignored);
    }
    return ignored;
  },
};

const files = markdownFiles();
const broken = checkLinks(view, files);
if (broken.length === 0) {
  console.log(`docs-check: every relative link in ${files.length} Markdown files resolves`);
} else {
  console.error(formatBroken(broken));
  console.error(
    `docs-check: ${broken.length} broken link(s) in ${new Set(broken.map((link) => link.file)).size} of ${files.length} Markdown files`,
  );
  process.exitCode = 1;
}
