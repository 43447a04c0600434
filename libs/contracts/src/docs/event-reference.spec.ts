import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { renderEventReference } from './event-reference';
import { markdownContent, referenceBlock } from './reference-block';

describe('the README event reference', () => {
  it('matches the schemas (run `npx tsx libs/contracts/src/docs/cli.ts` after changing one)', () => {
    const readme = readFileSync(resolve(__dirname, '../../README.md'), 'utf8');
    expect(markdownContent(referenceBlock(readme, 'event-reference'))).toEqual(
      markdownContent(renderEventReference()),
    );
  });

  it('documents every field', () => {
    expect(
      renderEventReference()
        .split('\n')
        .filter((line) => line.endsWith('|  |')),
    ).toEqual([]);
  });
});
