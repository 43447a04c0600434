/** Reads Prometheus text exposition: sums of the samples of one metric matching labels. */
import { requestJson } from './net';

const sampleLine = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/;
const labelPair = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

export function metricSum(
  text: string,
  name: string,
  labels: Readonly<Record<string, string>> = {},
): number {
  let total = 0;
  for (const line of text.split('\n')) {
    const match = sampleLine.exec(line);
    if (match?.[1] !== name) continue;
    const found = new Map<string, string>();
    for (const pair of (match[2] ?? '').matchAll(labelPair))
      found.set(pair[1] ?? '', pair[2] ?? '');
    if (Object.entries(labels).every(([key, value]) => found.get(key) === value)) {
      total += Number(match[3]);
    }
  }
  return total;
}

export async function scrape(baseUrl: string): Promise<string> {
  const answer = await requestJson<string>(`${baseUrl}/metrics`);
  return typeof answer.body === 'string' ? answer.body : '';
}

export async function metric(
  baseUrl: string,
  name: string,
  labels: Readonly<Record<string, string>> = {},
): Promise<number> {
  return metricSum(await scrape(baseUrl), name, labels);
}
