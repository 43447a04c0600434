import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { PermanentError, TransientError } from '@hub/resilience';
import { signalHolds } from '@hub/testing';
import { HttpClient } from './http-client';

type Handler = (request: http.IncomingMessage, response: http.ServerResponse) => void;

describe('HttpClient', () => {
  let handler: Handler = (_request, response) => {
    response.end('ok');
  };
  let server: http.Server;
  let base: string;
  const client = new HttpClient({ timeoutMs: 2_000 });

  beforeAll(async () => {
    server = http.createServer((request, response) => {
      handler(request, response);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await client.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('posts the body and returns any non-redirect status with its text', async () => {
    handler = (request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        response.statusCode = 422;
        response.end(`${request.method} ${body}`);
      });
    };
    const response = await client.request({ url: `${base}/x`, body: 'hello' });
    expect(response).toMatchObject({ status: 422, text: 'POST hello' });
  });

  it('reuses one keep-alive connection per origin', async () => {
    const ports = new Set<number>();
    handler = (request, response) => {
      ports.add(request.socket.remotePort ?? 0);
      response.end('ok');
    };
    for (let i = 0; i < 10; i++) await client.request({ url: `${base}/k` });
    // undici may open a second socket while the first is being handed back; never one per call.
    expect(ports.size).toBeLessThanOrEqual(2);
  });

  it('times out a slow answer as a transient NETWORK_TIMEOUT', async () => {
    handler = (_request, response) => {
      setTimeout(() => response.end('late'), 1_000).unref();
    };
    const started = Date.now();
    const failure = await client
      .request({ url: `${base}/slow`, timeoutMs: 100, describe: 'ERP slow call' })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TransientError);
    expect(failure).toMatchObject({ code: 'NETWORK_TIMEOUT' });
    expect((failure as Error).message).toContain('ERP slow call failed');
    expect(Date.now() - started).toBeLessThan(900);
  });

  it('refuses a response past the size limit, declared or streamed', async () => {
    handler = (_request, response) => response.end('x'.repeat(2_000));
    await expect(
      client.request({ url: `${base}/big`, maxResponseBytes: 1_000 }),
    ).rejects.toMatchObject({ code: 'HTTP_RESPONSE_TOO_LARGE', retriable: false });
    handler = (_request, response) => {
      response.write('x'.repeat(800));
      response.end('x'.repeat(800));
    };
    const failure = await client
      .request({ url: `${base}/chunked`, maxResponseBytes: 1_000 })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(PermanentError);
    expect(failure).toMatchObject({ code: 'HTTP_RESPONSE_TOO_LARGE' });
  });

  it('classifies 429 with Retry-After seconds and 503 with an HTTP-date as transient', async () => {
    handler = (_request, response) => {
      response.writeHead(429, { 'retry-after': '7' });
      response.end();
    };
    await expect(client.requestOk({ url: `${base}/busy` })).rejects.toMatchObject({
      code: 'HTTP_RATE_LIMITED',
      httpStatus: 429,
      retryAfterMs: 7_000,
      retriable: true,
    });
    const now = Date.parse('2026-01-01T00:00:00Z');
    const dated = new HttpClient({ clock: { now: () => now } });
    handler = (_request, response) => {
      response.writeHead(503, { 'retry-after': 'Thu, 01 Jan 2026 00:02:00 GMT' });
      response.end();
    };
    await expect(dated.requestOk({ url: `${base}/down` })).rejects.toMatchObject({
      code: 'HTTP_SERVER_ERROR',
      httpStatus: 503,
      retryAfterMs: 120_000,
    });
    await dated.close();
  });

  it('classifies other 4xx as permanent', async () => {
    handler = (_request, response) => {
      response.statusCode = 404;
      response.end();
    };
    const failure = await client.requestOk({ url: `${base}/nope` }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(PermanentError);
    expect(failure).toMatchObject({ code: 'HTTP_CLIENT_ERROR', httpStatus: 404 });
  });

  it('refuses redirects unless the call asks to follow them', async () => {
    handler = (request, response) => {
      if (request.url === '/moved') {
        response.writeHead(302, { location: '/here' });
        response.end();
      } else response.end('arrived');
    };
    await expect(client.request({ url: `${base}/moved` })).rejects.toMatchObject({
      code: 'HTTP_REDIRECT_REFUSED',
      httpStatus: 302,
      retriable: false,
    });
    await expect(
      client.request({ url: `${base}/moved`, followRedirects: 1 }),
    ).resolves.toMatchObject({ status: 200, text: 'arrived' });
  });

  it('classifies a connection reset as transient', async () => {
    handler = (request) => request.socket.destroy();
    const failure = await client.request({ url: `${base}/reset` }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(TransientError);
    expect(failure).toMatchObject({ code: 'NETWORK_CONNECTION_RESET' });
  });

  it('classifies a refused connection as transient', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(client.request({ url: `http://127.0.0.1:${port}/` })).rejects.toMatchObject({
      code: 'NETWORK_CONNECTION_REFUSED',
      retriable: true,
    });
  });

  it('leaves no trace of its calls on a caller signal that outlives them', async () => {
    // The runtime's stop signal lives as long as the process; every call links to it.
    handler = (_request, response) => {
      response.end('ok');
    };
    const runtime = new AbortController();

    for (let call = 0; call < 50; call++)
      await client.request({ url: `${base}/x`, signal: runtime.signal });

    expect(signalHolds(runtime.signal)).toBe(0);
  });

  it('leaves no timer behind a finished call (AbortSignal.timeout would keep each one for the whole timeout)', async () => {
    handler = (_request, response) => response.end('ok');
    const timeoutSignals = jest.spyOn(AbortSignal, 'timeout');
    const set = jest.spyOn(global, 'setTimeout');
    const cleared = jest.spyOn(global, 'clearTimeout');
    try {
      for (let call = 0; call < 20; call++)
        await client.request({ url: `${base}/x`, timeoutMs: 12_345 });

      const timers = set.mock.calls
        .map((args, index) => ({
          delay: args[1],
          timer: set.mock.results[index]?.value as unknown,
        }))
        .filter(({ delay }) => delay === 12_345)
        .map(({ timer }) => timer);
      expect(timeoutSignals).not.toHaveBeenCalled();
      expect(timers).toHaveLength(20);
      const clearedTimers = new Set(cleared.mock.calls.map((args) => args[0] as unknown));
      expect(timers.filter((timer) => !clearedTimers.has(timer))).toEqual([]);
    } finally {
      timeoutSignals.mockRestore();
      set.mockRestore();
      cleared.mockRestore();
    }
  });

  it('reports the caller abort as a transient REQUEST_ABORTED', async () => {
    handler = () => undefined;
    const controller = new AbortController();
    const call = client.request({ url: `${base}/hang`, signal: controller.signal });
    controller.abort();
    await expect(call).rejects.toMatchObject({ code: 'REQUEST_ABORTED' });
  });
});
