import { describe, expect, it } from '@jest/globals';
import { checkLinks, formatBroken, type RepositoryView } from './check-links';

/** A small repository in memory: files with their text, directories implied by the paths. */
function repository(
  files: Record<string, string>,
  ignored: readonly string[] = [],
): RepositoryView {
  return {
    kindOf(path) {
      if (path in files) return 'file';
      return Object.keys(files).some((file) => file.startsWith(`${path}/`))
        ? 'directory'
        : undefined;
    },
    readText(path) {
      const text = files[path];
      if (text === undefined) throw new Error(`no fixture ${path}`);
      return text;
    },
    isIgnored: (path) => ignored.some((prefix) => path === prefix || path.startsWith(`${prefix}/`)),
  };
}

const fixture = repository(
  {
    'README.md': [
      '# Hub',
      '[design](docs/architecture.md) [protocols](docs/erp-protocols.md#12-json-rpc-envelope)',
      '[folder](apps/ingress) [folder slash](apps/ingress/) [self](#hub) [code](apps/ingress/main.ts#L3)',
      '[web](https://example.com/x) [mail](mailto:ops@example.com) [query](docs/architecture.md?plain=1)',
      '[encoded](docs/a%20b.md)',
    ].join('\n'),
    'docs/architecture.md': '# Architecture\n[up](../README.md#hub)\n',
    'docs/erp-protocols.md': '# ERP protocols\n### 1.2 JSON-RPC envelope\n',
    'docs/a b.md': 'text\n',
    'apps/ingress/main.ts': '',
    'dist/report.md': '',
  },
  ['dist'],
);

describe('checkLinks', () => {
  it('accepts files, directories, headings, http(s) and mailto links', () => {
    expect(checkLinks(fixture, ['README.md', 'docs/architecture.md'])).toEqual([]);
  });

  it('reports every broken link with file, line and reason', () => {
    const view = repository(
      {
        ...{ 'docs/erp-protocols.md': '# ERP protocols\n## 1.2 Envelope\n' },
        'docs/guide.md': [
          '# Guide',
          'The design is in [design.md](../../outside/design.md).',
          '[absolute](/srv/notes/erp-protocols.md) [missing](missing.md)',
          '[bad anchor](erp-protocols.md#9-nothing) [own anchor](#nope) [ftp](ftp://host/x)',
          '[ignored](../dist/out.md) [fine](erp-protocols.md#12-envelope)',
        ].join('\n'),
        'dist/out.md': '',
      },
      ['dist'],
    );
    const broken = checkLinks(view, ['docs/guide.md']);
    expect(broken.map((link) => [link.line, link.target, link.reason])).toEqual([
      [2, '../../outside/design.md', 'points outside the repository: a clone does not have it'],
      [3, '/srv/notes/erp-protocols.md', 'absolute path: link relative to the file instead'],
      [3, 'missing.md', 'no such file: docs/missing.md'],
      [
        4,
        'erp-protocols.md#9-nothing',
        'no heading with anchor #9-nothing in docs/erp-protocols.md',
      ],
      [4, '#nope', 'no heading with anchor #nope in docs/guide.md'],
      [4, 'ftp://host/x', 'scheme "ftp:" is not allowed'],
      [5, '../dist/out.md', 'dist/out.md is ignored by git: a clone does not have it'],
    ]);
    expect(formatBroken(broken.slice(0, 1))).toBe(
      'docs/guide.md:2: ../../outside/design.md (points outside the repository: a clone does not have it)',
    );
  });

  it('does not check anchors into files that are not Markdown', () => {
    const view = repository({ 'a.md': '[line](b.ts#L10)', 'b.ts': '' });
    expect(checkLinks(view, ['a.md'])).toEqual([]);
  });
});
