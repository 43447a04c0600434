/** The generated block of a Markdown document, between `<!-- name:start -->` and `<!-- name:end -->`. */
function markers(markdown: string, name: string): { start: number; end: number } {
  const startMarker = `<!-- ${name}:start -->`;
  const from = markdown.indexOf(startMarker);
  const to = markdown.indexOf(`<!-- ${name}:end -->`);
  if (from < 0 || to < from) throw new Error(`markers <!-- ${name}:start/end --> not found`);
  return { start: from + startMarker.length, end: to };
}

export function replaceReferenceBlock(markdown: string, name: string, content: string): string {
  const { start, end } = markers(markdown, name);
  return `${markdown.slice(0, start)}\n\n${content.trim()}\n\n${markdown.slice(end)}`;
}

export function referenceBlock(markdown: string, name: string): string {
  const { start, end } = markers(markdown, name);
  return markdown.slice(start, end);
}

/**
 * The block as content, ignoring layout Prettier may change: blank lines, table cell
 * padding and the length of header rules.
 */
export function markdownContent(markdown: string): string[] {
  return markdown
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) =>
      line.startsWith('|') ? line.replace(/ *\| */g, '|').replace(/\|-+(?=\|)/g, '|-') : line,
    );
}
