/**
 * `json.dumps(value, sort_keys=True, default=str)` as Python writes it: keys sorted by code
 * point, `", "` and `": "` separators, ASCII only (`\uXXXX`, lower-case hex), floats in
 * Python's repr. This is what Odoo's "Send Webhook Notification" puts on the wire.
 */
import { PyFloat, pythonFloatRepr } from './python-float';

const shortEscapes: Readonly<Record<string, string>> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};

export function pythonJsonString(text: string): string {
  let out = '"';
  for (let i = 0; i < text.length; i += 1) {
    const ch = text.charAt(i);
    const code = text.charCodeAt(i);
    const short = shortEscapes[ch];
    if (short !== undefined) out += short;
    else if (code >= 0x20 && code <= 0x7e) out += ch;
    else out += `\\u${code.toString(16).padStart(4, '0')}`;
  }
  return `${out}"`;
}

function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

export function pythonJsonDumps(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value === true) return 'true';
  if (value === false) return 'false';
  if (value instanceof PyFloat) return pythonFloatRepr(value.value);
  if (typeof value === 'number')
    return Number.isInteger(value) ? String(value) : pythonFloatRepr(value);
  if (typeof value === 'string') return pythonJsonString(value);
  if (Array.isArray(value)) return `[${value.map((item) => pythonJsonDumps(item)).join(', ')}]`;
  if (value instanceof Date) return pythonJsonString(value.toISOString());
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      compareCodePoints(a, b),
    );
    const body = entries.map(([k, v]) => `${pythonJsonString(k)}: ${pythonJsonDumps(v)}`);
    return `{${body.join(', ')}}`;
  }
  return pythonJsonString(typeof value === 'bigint' ? value.toString() : typeof value);
}
