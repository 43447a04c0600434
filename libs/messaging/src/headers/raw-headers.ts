import type { IHeaders } from 'kafkajs';
import type { RawHeaders } from './hub-headers';

/** kafkajs headers as text; a repeated name keeps its last value (Java's Headers.lastHeader). */
export function rawHeadersOf(headers: IHeaders | undefined): RawHeaders {
  const raw: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const last = Array.isArray(value) ? value[value.length - 1] : value;
    if (last !== undefined) raw[name] = last.toString();
  }
  return raw;
}
