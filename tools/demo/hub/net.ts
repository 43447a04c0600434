/** Small HTTP and timing helpers shared by the hub module and the story. */
import { createServer } from 'node:net';

/** A port the OS says is free right now (listen on 0, read it, close). */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => {
        resolvePort(port);
      });
    });
  });
}

export interface JsonAnswer<T = unknown> {
  readonly status: number;
  readonly body: T;
}

export async function requestJson<T = unknown>(
  url: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<JsonAnswer<T>> {
  const response = await fetch(url, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: {
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...init.headers,
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text === '' ? null : JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body: body as T };
}

/** GET or POST that must answer 2xx; the error names the URL and the answer. */
export async function okJson<T = unknown>(
  url: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<T> {
  const answer = await requestJson<T>(url, init);
  if (answer.status < 200 || answer.status > 299) {
    throw new Error(
      `${init.method ?? 'GET'} ${url} answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 300)}`,
    );
  }
  return answer.body;
}

export const sleep = (ms: number): Promise<void> =>
  new Promise((done) => {
    setTimeout(done, ms);
  });

export class TimeoutError extends Error {}

/**
 * Polls until `probe` returns something other than undefined; throws TimeoutError naming
 * `what` (and the last value seen) after `timeoutMs`. No fixed sleeps in the story.
 */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
  intervalMs = 250,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new TimeoutError(`${what}: not reached within ${timeoutMs / 1000} s${cause}`);
    }
    await sleep(intervalMs);
  }
}
