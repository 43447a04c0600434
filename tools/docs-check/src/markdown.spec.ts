import { describe, expect, it } from '@jest/globals';
import { anchorsOf, extractLinks, githubSlug, renderedHeadingText } from './markdown';

describe('extractLinks', () => {
  it('finds inline links, images, reference definitions and HTML attributes with their lines', () => {
    const markdown = [
      'See [the design](docs/architecture.md) and ![a picture](img/a.png "title").',
      '',
      '[ref]: ../other.md',
      '<a href="x.md#top">x</a> <img src="y.png">',
      '[spaces](<a file.md>) and [nested](wiki/Foo_(bar).md) [escaped](a\\)b.md)',
    ].join('\n');
    expect(extractLinks(markdown)).toEqual([
      { target: 'docs/architecture.md', line: 1 },
      { target: 'img/a.png', line: 1 },
      { target: '../other.md', line: 3 },
      { target: 'x.md#top', line: 4 },
      { target: 'y.png', line: 4 },
      { target: 'a file.md', line: 5 },
      { target: 'wiki/Foo_(bar).md', line: 5 },
      { target: 'a)b.md', line: 5 },
    ]);
  });

  it('ignores links in fenced code, inline code and HTML comments', () => {
    const markdown = [
      '```md',
      '[in a fence](fenced.md)',
      '```',
      '~~~',
      '[tilde fence](tilde.md)',
      '~~~',
      'Text `[inline](code.md)` and ``[double `tick`](two.md)``.',
      '<!-- [commented](comment.md) -->',
      '[kept](kept.md)',
    ].join('\n');
    expect(extractLinks(markdown)).toEqual([{ target: 'kept.md', line: 9 }]);
  });

  it('reads Windows line endings', () => {
    expect(extractLinks('a\r\n\r\n[b](b.md)\r\n')).toEqual([{ target: 'b.md', line: 3 }]);
    expect([...anchorsOf('# One\r\n## Two\r\n')]).toEqual(['one', 'two']);
  });

  it('keeps counting lines after a lone backtick', () => {
    expect(extractLinks('a ` b\n\n[c](c.md)')).toEqual([{ target: 'c.md', line: 3 }]);
  });
});

describe('githubSlug', () => {
  it.each([
    ['Public API', 'public-api'],
    ['WMS: POST /webhooks/wms/:systemId', 'wms-post-webhookswmssystemid'],
    ['1.2 JSON-RPC envelope (/jsonrpc)', '12-json-rpc-envelope-jsonrpc'],
    ['Equal versions, ordered by arrival', 'equal-versions-ordered-by-arrival'],
    ['snake_case stays', 'snake_case-stays'],
    ['Größe & Ümlaut', 'größe--ümlaut'],
  ])('%s → %s', (heading, slug) => {
    expect(githubSlug(heading)).toBe(slug);
  });
});

describe('renderedHeadingText', () => {
  it('keeps code, reduces links to their text and drops emphasis', () => {
    expect(renderedHeadingText('**Bold** `a_b` [link](x.md) _em_ <br>')).toBe('Bold a_b link em');
  });
});

describe('anchorsOf', () => {
  it('gives ATX and setext headings their slugs, numbers repeats, reads HTML ids', () => {
    const markdown = [
      '# Title #',
      '## Tests',
      '## Tests',
      '',
      'Setext heading',
      '--------------',
      '<a name="custom-anchor"></a>',
      '```',
      '# not a heading',
      '```',
    ].join('\n');
    expect([...anchorsOf(markdown)].sort()).toEqual(
      ['custom-anchor', 'setext-heading', 'tests', 'tests-1', 'title'].sort(),
    );
  });
});
