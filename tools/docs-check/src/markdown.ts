/**
 * What the link check reads out of a Markdown file: its links (with line numbers) and the
 * anchors its headings get on GitHub. A small reader, not a full CommonMark parser: it
 * blanks out fenced code, inline code and HTML comments, then finds inline links and
 * images (`[text](target)`, `![alt](target)`), reference definitions (`[ref]: target`)
 * and HTML `href`/`src` attributes.
 */

export interface MarkdownLink {
  /** The link destination as written (angle brackets removed, escapes resolved). */
  readonly target: string;
  /** 1-based line of the destination. */
  readonly line: number;
}

/** Replaces every character but newlines in `text[from, to)` with spaces (keeps offsets). */
function blank(text: string, from: number, to: number): string {
  return text.slice(0, from) + text.slice(from, to).replace(/[^\n]/g, ' ') + text.slice(to);
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** Blanks fenced code blocks, HTML comments and (unless `keepCodeSpans`) inline code spans. */
export function withoutCode(markdown: string, keepCodeSpans = false): string {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  let fence: string | undefined;
  const kept = lines.map((line) => {
    const opening = FENCE.exec(line);
    if (fence === undefined) {
      if (opening?.[1] === undefined) return line;
      fence = opening[1];
      return ' '.repeat(line.length);
    }
    const closing = opening?.[1];
    if (
      closing !== undefined &&
      closing[0] === fence[0] &&
      closing.length >= fence.length &&
      line.trim() === closing
    ) {
      fence = undefined;
    }
    return ' '.repeat(line.length);
  });
  let text = kept.join('\n');
  const patterns = [/<!--[\s\S]*?-->/g];
  if (!keepCodeSpans) patterns.push(/(?<!`)(`+)(?!`)(?:(?!\n[ \t]*\n)[\s\S])*?[^`]\1(?!`)/g);
  for (const pattern of patterns) {
    let match: RegExpExecArray | null;
    pattern.lastIndex = 0;
    while ((match = pattern.exec(text)) !== null) {
      text = blank(text, match.index, match.index + match[0].length);
    }
  }
  return text;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let index = 0; index < offset; index += 1) if (text[index] === '\n') line += 1;
  return line;
}

/** Reads an inline link destination starting at `start` (just after the `(`). */
function destinationAt(text: string, start: number): { target: string; offset: number } | null {
  let index = start;
  while (text[index] === ' ' || text[index] === '\t' || text[index] === '\n') index += 1;
  const offset = index;
  if (text[index] === '<') {
    const end = text.indexOf('>', index);
    if (end === -1 || text.slice(index, end).includes('\n')) return null;
    return { target: text.slice(index + 1, end), offset };
  }
  let depth = 0;
  let target = '';
  for (; index < text.length; index += 1) {
    const char = text[index] ?? '';
    if (char === '\\' && index + 1 < text.length) {
      target += text[index + 1] ?? '';
      index += 1;
    } else if (/\s/.test(char)) {
      break;
    } else if (char === '(') {
      depth += 1;
      target += char;
    } else if (char === ')') {
      if (depth === 0) break;
      depth -= 1;
      target += char;
    } else {
      target += char;
    }
  }
  return target === '' ? null : { target, offset };
}

/** Every link in `markdown`, in order of appearance. */
export function extractLinks(markdown: string): MarkdownLink[] {
  const text = withoutCode(markdown);
  const found: { target: string; offset: number }[] = [];
  for (const match of text.matchAll(/\]\(/g)) {
    const destination = destinationAt(text, match.index + 2);
    if (destination !== null) found.push(destination);
  }
  for (const match of text.matchAll(/^ {0,3}\[[^\]\n]+\]:[ \t]*(<[^>\n]*>|\S+)/gm)) {
    const raw = match[1] ?? '';
    const offset = match.index + match[0].length - raw.length;
    found.push({ target: raw.startsWith('<') ? raw.slice(1, -1) : raw, offset });
  }
  for (const match of text.matchAll(/<[a-zA-Z][^>]*>/g)) {
    for (const attribute of match[0].matchAll(/\s(?:href|src)\s*=\s*(["'])(.*?)\1/g)) {
      found.push({ target: attribute[2] ?? '', offset: match.index + attribute.index });
    }
  }
  return found
    .sort((a, b) => a.offset - b.offset)
    .map(({ target, offset }) => ({ target, line: lineAt(text, offset) }));
}

/**
 * GitHub's anchor for a heading's text (github-slugger's rule): the rendered text in lower
 * case, every character that is not a letter, mark, number, connector (`_`), space or
 * hyphen removed, spaces turned into hyphens.
 */
export function githubSlug(headingText: string): string {
  return headingText
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** The heading's text as GitHub renders it: code kept, links reduced to their text, emphasis and tags dropped. */
export function renderedHeadingText(raw: string): string {
  return raw
    .split(/(`+[^`]*`+)/)
    .map((part) => {
      if (part.startsWith('`')) return part.replace(/^`+\s?|\s?`+$/g, '');
      return part
        .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
        .replace(/<[^>]+>/g, '')
        .replace(/\*+/g, '')
        .replace(/(^|[^\p{L}\p{N}])_+|_+(?=[^\p{L}\p{N}]|$)/gu, '$1')
        .replace(/\\(.)/g, '$1');
    })
    .join('')
    .trim();
}

/** Every anchor GitHub gives the file: heading slugs (repeats numbered -1, -2, …) and HTML ids and names. */
export function anchorsOf(markdown: string): Set<string> {
  const text = withoutCode(markdown, true);
  const lines = text.split('\n');
  const counts = new Map<string, number>();
  const anchors = new Set<string>();
  const addHeading = (raw: string): void => {
    const slug = githubSlug(renderedHeadingText(raw));
    const seen = counts.get(slug) ?? 0;
    counts.set(slug, seen + 1);
    anchors.add(seen === 0 ? slug : `${slug}-${seen}`);
  };
  lines.forEach((line, index) => {
    const atx = /^ {0,3}#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/.exec(line);
    if (atx !== null) {
      addHeading(atx[1] ?? '');
      return;
    }
    const next = lines[index + 1] ?? '';
    const previous = lines[index - 1] ?? '';
    if (line.trim() !== '' && /^ {0,3}(=+|-+)[ \t]*$/.test(next) && previous.trim() === '') {
      if (!/^ {0,3}([-*+]|\d+[.)])\s|^ {0,3}(>|\|)/.test(line)) addHeading(line.trim());
    }
  });
  for (const match of markdown.matchAll(/<[a-zA-Z][^>]*\s(?:id|name)\s*=\s*(["'])(.*?)\1/g)) {
    anchors.add(match[2] ?? '');
  }
  return anchors;
}
