/**
 * The hub promises the Node lines in package.json's `engines.node`. A run-time package that
 * declares less (a newer minimum, a missing line) is a risk npm only warns about; this keeps
 * every such package listed in docs/security.md ("Node engines"), with what the hub uses of
 * it, so a new one is noticed when the lock file changes and the list never goes stale.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { subset, validRange } from 'semver';

const root = join(__dirname, '..');
const readJson = (path: string): unknown => JSON.parse(readFileSync(join(root, path), 'utf8'));

interface LockEntry {
  readonly version?: string;
  readonly dev?: boolean;
  /** An object in today's lock files; some old packages still publish an array. */
  readonly engines?: { readonly node?: unknown };
}

const promised = (readJson('package.json') as { engines: { node: string } }).engines.node;

/** Run-time packages (not dev-only) whose declared Node range leaves out part of what we promise. */
function packagesDeclaringLess(): string[] {
  const { packages } = readJson('package-lock.json') as {
    packages: Record<string, LockEntry>;
  };
  return Object.entries(packages)
    .filter(([path, entry]) => path.startsWith('node_modules/') && entry.dev !== true)
    .flatMap(([path, entry]) => {
      const node = entry.engines?.node;
      if (typeof node !== 'string' || validRange(node) === null || subset(promised, node))
        return [];
      const name = path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
      return [`${name}@${entry.version ?? '?'} declares ${node}`];
    })
    .sort();
}

/** The table under "### Node engines" in docs/security.md: package, version, declares. */
function documented(): string[] {
  const text = readFileSync(join(root, 'docs/security.md'), 'utf8');
  const section = text.split(/^### Node engines.*$/m)[1]?.split(/^#{2,3} /m)[0] ?? '';
  return (
    section
      .split('\n')
      .map((line) => line.match(/^\|\s*`([^`]+)`\s*\|\s*([^|\s]+)\s*\|\s*`([^`]+)`\s*\|/))
      // A `|` inside a table cell is written `\|`.
      .flatMap((cells) =>
        cells === null
          ? []
          : [`${cells[1]}@${cells[2]} declares ${cells[3]?.replaceAll('\\|', '|')}`],
      )
      .sort()
  );
}

describe('Node engines', () => {
  it('promises a valid range', () => {
    expect(validRange(promised)).not.toBeNull();
  });

  it('lists in docs/security.md exactly the run-time packages that declare less than we promise', () => {
    expect(documented()).toEqual(packagesDeclaringLess());
  });
});
