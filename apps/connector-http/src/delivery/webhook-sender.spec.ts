import { signalHolds } from '@hub/testing';
import { Webhook } from 'standardwebhooks';
import type { EndpointConfig } from '../app/endpoints-setting';
import { signedHeaders, WebhookSender, type FetchFunction } from './webhook-sender';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const endpoint: EndpointConfig = {
  id: 'wms-po',
  url: 'https://wms.example/hooks/po?tenant=1',
  secrets: [SECRET],
  timeoutMs: 1_500,
  entityTypes: ['purchase-order'],
};

interface Captured {
  readonly url: string;
  readonly init: RequestInit;
}

function recordingFetch(response: () => Response): { fetchFn: FetchFunction; calls: Captured[] } {
  const calls: Captured[] = [];
  const fetchFn: FetchFunction = (input, init = {}) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    calls.push({ url, init });
    return Promise.resolve(response());
  };
  return { fetchFn, calls };
}

describe('signing', () => {
  it('matches the reference test vector of the Standard Webhooks library', () => {
    const headers = signedHeaders(
      [new Webhook(SECRET)],
      'msg_p5jXN8AQM9LWM0D4loKWxJek',
      '{"test": 2432232314}',
      new Date(1_614_265_330_000),
    );
    expect(headers['webhook-signature']).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
    expect(headers['webhook-timestamp']).toBe('1614265330');
  });
});

describe('WebhookSender', () => {
  const now = Date.now();
  const clock = { now: () => now };

  it('POSTs the body with webhook-id = the given id and a signature Webhook.verify accepts', async () => {
    const { fetchFn, calls } = recordingFetch(() => new Response('{"status":"accepted"}'));
    const body = '{"type":"purchase-order.confirmed"}';
    const response = await new WebhookSender(clock, fetchFn).send(
      endpoint,
      'c1-0123456789abcdef0123456789abcdef',
      body,
      new AbortController().signal,
    );
    expect(response.status).toBe(200);
    expect(response.excerpt).toBe('{"status":"accepted"}');
    const [call] = calls;
    expect(call?.url).toBe(endpoint.url);
    expect(call?.init.method).toBe('POST');
    expect(call?.init.redirect).toBe('manual');
    expect(call?.init.body).toBe(body);
    const headers = call?.init.headers as Record<string, string>;
    expect(headers['content-type']).toBe('application/json');
    expect(headers['webhook-id']).toBe('c1-0123456789abcdef0123456789abcdef');
    expect(headers['webhook-timestamp']).toBe(String(Math.floor(now / 1000)));
    expect(new Webhook(SECRET).verify(body, headers)).toEqual({
      type: 'purchase-order.confirmed',
    });
    expect(() =>
      new Webhook('whsec_dGVzdC1vZG9vLXNlY3JldC0xMjM0NTY3ODkw').verify(body, headers),
    ).toThrow();
  });

  it('signs with both secrets while the receiver rotates; each verifies on its own', async () => {
    const next = 'whsec_bmV4dC13bXMtc2lnbmluZy1zZWNyZXQtMDEyMzQ=';
    const { fetchFn, calls } = recordingFetch(() => new Response(null, { status: 204 }));
    const body = '{"type":"purchase-order.confirmed"}';
    await new WebhookSender(clock, fetchFn).send(
      { ...endpoint, secrets: [next, SECRET] },
      'c1-rotation',
      body,
      new AbortController().signal,
    );
    const headers = calls[0]?.init.headers as Record<string, string>;
    const signatures = headers['webhook-signature']?.split(' ') ?? [];
    expect(signatures).toHaveLength(2);
    // A receiver verifies with the one secret it has, as the standardwebhooks library does.
    const only = (signature: string | undefined) => ({
      ...headers,
      'webhook-signature': signature ?? '',
    });
    expect(new Webhook(next).verify(body, only(signatures[0]))).toEqual({
      type: 'purchase-order.confirmed',
    });
    expect(new Webhook(SECRET).verify(body, only(signatures[1]))).toEqual({
      type: 'purchase-order.confirmed',
    });
    expect(() => new Webhook(SECRET).verify(body, only(signatures[0]))).toThrow();
    expect(new Webhook(SECRET).verify(body, headers)).toBeDefined();
    expect(new Webhook(next).verify(body, headers)).toBeDefined();
  });

  it('keeps only the start of a large answer', async () => {
    const { fetchFn } = recordingFetch(() => new Response('x'.repeat(100_000), { status: 400 }));
    const response = await new WebhookSender(clock, fetchFn).send(
      endpoint,
      'id',
      '{}',
      new AbortController().signal,
    );
    expect(response.status).toBe(400);
    expect(response.excerpt).toHaveLength(200);
  });

  it('aborts the exchange when the caller stops during it', async () => {
    const stop = new AbortController();
    const calls: RequestInit[] = [];
    // The caller stops while the exchange is in flight.
    const fetchFn: FetchFunction = (_input, init = {}) => {
      calls.push(init);
      stop.abort();
      return Promise.resolve(new Response(null, { status: 204 }));
    };
    await new WebhookSender(clock, fetchFn).send(endpoint, 'id', '{}', stop.signal);
    expect(calls[0]?.signal?.aborted).toBe(true);
  });

  it('leaves no trace of its exchanges on a caller signal that outlives them', async () => {
    // The consumer's stop signal lives as long as the app; every webhook links to it.
    const { fetchFn } = recordingFetch(() => new Response(null, { status: 204 }));
    const stop = new AbortController();
    const sender = new WebhookSender(clock, fetchFn);

    for (let webhook = 0; webhook < 50; webhook++)
      await sender.send(endpoint, `id-${webhook}`, '{}', stop.signal);

    expect(signalHolds(stop.signal)).toBe(0);
  });
});
