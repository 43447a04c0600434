import { PermanentError, TransientError } from '@hub/resilience';
import { neverAborted } from '../testing/scripted-transport';
import { stubPost } from '../testing/post-stub';
import { JsonRpcTransport } from './json-rpc-transport';

const endpoint = {
  systemId: 'odoo-main',
  url: 'http://odoo.test/',
  db: 'acme',
  login: 'hub',
  secret: 'key',
  timeoutMs: 1_000,
};
const searchCall = {
  model: 'product.product',
  method: 'search_read',
  params: { domain: [], fields: ['id'] },
};

interface RpcBody {
  readonly id: number;
  readonly params: {
    readonly service: string;
    readonly method: string;
    readonly args: readonly unknown[];
  };
}

const ok = (body: unknown, result: unknown) => ({
  body: { jsonrpc: '2.0', id: (body as RpcBody).id, result },
});
const odooError = (body: unknown, name: string, message: string) => ({
  body: {
    jsonrpc: '2.0',
    id: (body as RpcBody).id,
    error: { code: 200, message: 'Odoo Server Error', data: { name, message } },
  },
});

describe('JsonRpcTransport', () => {
  it('authenticates once and reuses the uid for execute_kw', async () => {
    const stub = stubPost((_url, body) => {
      const { params } = body as RpcBody;
      return params.service === 'common' ? ok(body, 7) : ok(body, [{ id: 1 }]);
    });
    const transport = new JsonRpcTransport(endpoint, stub.post);
    await transport.call(searchCall, neverAborted);
    await expect(transport.call(searchCall, neverAborted)).resolves.toEqual([{ id: 1 }]);
    expect(stub.requests.map((r) => (r.body as RpcBody).params.method)).toEqual([
      'authenticate',
      'execute_kw',
      'execute_kw',
    ]);
    expect(stub.requests[0]?.url).toBe('http://odoo.test/jsonrpc');
    expect((stub.requests[1]?.body as RpcBody).params.args).toEqual([
      'acme',
      7,
      'key',
      'product.product',
      'search_read',
      [[]],
      { fields: ['id'] },
    ]);
  });

  it('logs in again once on AccessDenied and repeats the call', async () => {
    let denied = false;
    const stub = stubPost((_url, body) => {
      const { params } = body as RpcBody;
      if (params.service === 'common') return ok(body, denied ? 8 : 7);
      if (!denied) {
        denied = true;
        return odooError(body, 'odoo.exceptions.AccessDenied', 'Access Denied');
      }
      return ok(body, params.args[1]);
    });
    await expect(
      new JsonRpcTransport(endpoint, stub.post).call(searchCall, neverAborted),
    ).resolves.toBe(8);
  });

  it('does not retry a refused login (authenticate answers false)', async () => {
    const stub = stubPost((_url, body) => ok(body, false));
    const error = await new JsonRpcTransport(endpoint, stub.post)
      .call(searchCall, neverAborted)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentError);
    expect(error).toMatchObject({ code: 'ODOO_AUTH_FAILED' });
    expect(stub.requests).toHaveLength(1);
  });

  it('maps an Odoo ValidationError (HTTP 200) to a permanent error with its message', async () => {
    const stub = stubPost((_url, body) =>
      (body as RpcBody).params.service === 'common'
        ? ok(body, 7)
        : odooError(body, 'odoo.exceptions.ValidationError', 'Bad quantity'),
    );
    await expect(
      new JsonRpcTransport(endpoint, stub.post).call(searchCall, neverAborted),
    ).rejects.toMatchObject({
      code: 'ODOO_VALIDATION',
      retriable: false,
      message:
        'Odoo odoo-main refused product.product.search_read: Bad quantity (odoo.exceptions.ValidationError)',
    });
  });

  it('turns 429 with Retry-After, 5xx and network failures into transient errors', async () => {
    let stub = stubPost(() => ({
      status: 429,
      headers: { 'retry-after': '7' },
      body: 'slow down',
    }));
    const limited = await new JsonRpcTransport(endpoint, stub.post)
      .call(searchCall, neverAborted)
      .catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(TransientError);
    expect(limited).toMatchObject({
      code: 'HTTP_RATE_LIMITED',
      retryAfterMs: 7_000,
      httpStatus: 429,
    });

    stub = stubPost(() => ({ status: 503, body: 'down' }));
    await expect(
      new JsonRpcTransport(endpoint, stub.post).call(searchCall, neverAborted),
    ).rejects.toMatchObject({
      code: 'HTTP_SERVER_ERROR',
      retriable: true,
    });

    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    stub = stubPost(() => ({ error: new TypeError('fetch failed', { cause: refused }) }));
    await expect(
      new JsonRpcTransport(endpoint, stub.post).call(searchCall, neverAborted),
    ).rejects.toMatchObject({
      code: 'NETWORK_CONNECTION_REFUSED',
      retriable: true,
    });
  });

  it('treats a non-JSON answer as transient', async () => {
    const stub = stubPost(() => ({ body: '<html>maintenance</html>' }));
    await expect(
      new JsonRpcTransport(endpoint, stub.post).call(searchCall, neverAborted),
    ).rejects.toMatchObject({
      code: 'ODOO_INVALID_RESPONSE',
      retriable: true,
    });
  });
});
