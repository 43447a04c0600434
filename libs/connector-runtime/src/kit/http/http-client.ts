/**
 * The HTTP client for ERP APIs: undici's request API (not its fetch, which cost a quarter of
 * connector-odoo's CPU in the benchmark) over one Agent, which keeps a keep-alive pool per
 * origin. Every call has a timeout and a response size limit; what fails below HTTP is a
 * TransientError; a 3xx is refused unless the call asks to follow redirects. Other statuses
 * are returned, because protocols differ in which ones are errors (JSON-RPC answers errors
 * with 200, JSON-2 puts its error in a 4xx body): `requestOk` throws on non-2xx for those
 * that do not care.
 */
import { Agent, interceptors, request, type Dispatcher } from 'undici';
import { setMaxListeners } from 'node:events';
import { systemClock, type Clock, type HttpHeaders } from '@hub/resilience';
import { httpFailure, networkFailure, redirectRefused, responseTooLarge } from './http-failure';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';

export interface HttpRequest {
  readonly url: string;
  readonly method?: HttpMethod;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Uint8Array;
  /** Whole call, connect to last byte; default the client's. */
  readonly timeoutMs?: number;
  /** Aborted when the caller gives up (the runtime's stop); the call then fails as REQUEST_ABORTED. */
  readonly signal?: AbortSignal;
  /** Default the client's. */
  readonly maxResponseBytes?: number;
  /** Redirects to follow; 0 (default) refuses every 3xx. */
  readonly followRedirects?: number;
  /** Names the call in error messages, e.g. `Odoo odoo stock.quant.create`; default `METHOD url`. */
  readonly describe?: string;
}

export interface HttpResponse {
  readonly status: number;
  readonly headers: HttpHeaders;
  readonly body: Buffer;
  /** The body as UTF-8. */
  readonly text: string;
}

export interface HttpClientOptions {
  readonly timeoutMs?: number;
  readonly maxResponseBytes?: number;
  /** Connections per origin. */
  readonly connectionsPerOrigin?: number;
  /** How long an idle connection is kept. */
  readonly keepAliveMs?: number;
  /** For Retry-After dates. */
  readonly clock?: Clock;
}

export const HTTP_CLIENT_DEFAULTS = {
  timeoutMs: 30_000,
  maxResponseBytes: 32 * 1024 * 1024,
  connectionsPerOrigin: 64,
  keepAliveMs: 4_000,
} as const;

export class HttpClient {
  private readonly agent: Agent;
  private readonly following = new Map<number, Dispatcher>();
  private readonly clock: Clock;
  private readonly timeoutMs: number;
  private readonly maxResponseBytes: number;

  constructor(options: HttpClientOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.timeoutMs = options.timeoutMs ?? HTTP_CLIENT_DEFAULTS.timeoutMs;
    this.maxResponseBytes = options.maxResponseBytes ?? HTTP_CLIENT_DEFAULTS.maxResponseBytes;
    this.agent = new Agent({
      connections: options.connectionsPerOrigin ?? HTTP_CLIENT_DEFAULTS.connectionsPerOrigin,
      keepAliveTimeout: options.keepAliveMs ?? HTTP_CLIENT_DEFAULTS.keepAliveMs,
      // The per-call timeout below covers headers and body; undici's own would only race it.
      headersTimeout: 0,
      bodyTimeout: 0,
    });
  }

  /** Any status but 3xx (unless followed) is returned; failures below HTTP throw TransientError. */
  async request(call: HttpRequest): Promise<HttpResponse> {
    const describe = describeCall(call);
    const limit = call.maxResponseBytes ?? this.maxResponseBytes;
    const deadline = callDeadline(call.timeoutMs ?? this.timeoutMs, call.signal);
    let response: Dispatcher.ResponseData;
    let body: Buffer;
    try {
      response = await request(call.url, {
        method: methodOf(call),
        headers: call.headers,
        body: call.body,
        signal: deadline.signal,
        dispatcher: this.dispatcher(call.followRedirects ?? 0),
      });
      body = await readLimited(response, limit);
    } catch (error) {
      if (error instanceof TooLarge) throw responseTooLarge(limit, describe);
      // A timeout surfaces as an abort; name the timeout itself so it reads as one.
      throw networkFailure(deadline.timedOut() ?? error, describe);
    } finally {
      deadline.settle();
    }
    if (response.statusCode >= 300 && response.statusCode < 400) {
      const location = response.headers.location;
      throw redirectRefused(
        response.statusCode,
        typeof location === 'string' ? location : '',
        describe,
      );
    }
    const headers: HttpHeaders = response.headers;
    return { status: response.statusCode, headers, body, text: body.toString('utf8') };
  }

  /** As request(), and a non-2xx status throws (transient or permanent, with Retry-After). */
  async requestOk(call: HttpRequest): Promise<HttpResponse> {
    const response = await this.request(call);
    if (response.status >= 200 && response.status < 300) return response;
    throw httpFailure(response.status, response.headers, describeCall(call), '', this.clock);
  }

  /** Closes idle connections and refuses new calls. */
  async close(): Promise<void> {
    await this.agent.close();
  }

  private dispatcher(redirects: number): Dispatcher {
    if (redirects <= 0) return this.agent;
    let composed = this.following.get(redirects);
    if (composed === undefined) {
      composed = this.agent.compose(interceptors.redirect({ maxRedirections: redirects }));
      this.following.set(redirects, composed);
    }
    return composed;
  }
}

function methodOf(call: HttpRequest): HttpMethod {
  return call.method ?? (call.body === undefined ? 'GET' : 'POST');
}

function describeCall(call: HttpRequest): string {
  return call.describe ?? `${methodOf(call)} ${call.url}`;
}

class TooLarge extends Error {}

interface CallDeadline {
  /** Aborts at the deadline or when the caller's signal does, whichever comes first. */
  readonly signal: AbortSignal;
  /** The timeout's reason once the deadline passed (a TimeoutError, as AbortSignal.timeout gives). */
  timedOut(): unknown;
  /** Clears the timer and leaves the caller's signal: nothing of the call outlives it. */
  settle(): void;
}

/**
 * One signal per call for its timeout and the caller's abort. Not AbortSignal.timeout()
 * linked to the caller's: that timer and signal stay alive for the whole timeout after the
 * call (30 s by default, three Odoo calls per event), and cost about five times this at
 * every call.
 */
function callDeadline(timeoutMs: number, caller: AbortSignal | undefined): CallDeadline {
  const controller = new AbortController();
  let reason: unknown;
  const timer = setTimeout(() => {
    reason = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    controller.abort(reason);
  }, timeoutMs);
  // As AbortSignal.timeout's: a call in flight does not keep the process alive by itself.
  timer.unref();
  const onAbort = (): void => {
    controller.abort(caller?.reason);
  };
  if (caller?.aborted) controller.abort(caller.reason);
  else if (caller !== undefined) {
    // The caller's signal is long-lived and shared by every call in flight.
    setMaxListeners(0, caller);
    caller.addEventListener('abort', onAbort, { once: true });
  }
  return {
    signal: controller.signal,
    timedOut: () => reason,
    settle: () => {
      clearTimeout(timer);
      caller?.removeEventListener('abort', onAbort);
    },
  };
}

async function readLimited(response: Dispatcher.ResponseData, limit: number): Promise<Buffer> {
  const declared = Number(response.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) discard(response);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limit) discard(response);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

function discard(response: Dispatcher.ResponseData): never {
  // Destroying the body closes the connection (the rest is not read); its abort error is ours to ignore.
  response.body.on('error', () => undefined);
  response.body.destroy();
  throw new TooLarge();
}

/** One client per process is enough: the agent pools by origin. */
let shared: HttpClient | undefined;
export function sharedHttpClient(): HttpClient {
  shared ??= new HttpClient();
  return shared;
}
