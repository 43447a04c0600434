/** Response headers as fetch (`Headers`) or node:http (a plain record) hand them over. */
export type HttpHeaders =
  | { get(name: string): string | null }
  | Readonly<Record<string, string | readonly string[] | number | undefined>>;

/** First value of a header, looked up case-insensitively. */
export function headerValue(headers: HttpHeaders | undefined, name: string): string | undefined {
  if (headers === undefined) return undefined;
  if (typeof headers.get === 'function') return headers.get(name) ?? undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue;
    const first: unknown = Array.isArray(value) ? value[0] : value;
    if (typeof first === 'number') return String(first);
    return typeof first === 'string' ? first : undefined;
  }
  return undefined;
}
