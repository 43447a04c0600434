import { stubPost } from '../testing/post-stub';
import { neverAborted } from '../testing/scripted-transport';
import { Json2Transport } from './json2-transport';

const endpoint = {
  systemId: 'odoo-19',
  url: 'https://odoo.test',
  db: 'acme',
  login: 'hub',
  secret: 'api-key',
  timeoutMs: 1_000,
};
const apply = {
  model: 'stock.quant',
  method: 'action_apply_inventory',
  ids: [314],
  context: { inventory_mode: true },
};
const errorBody = (name: string, message: string) => ({
  name,
  message,
  arguments: [message],
  context: {},
  debug: '',
});

describe('Json2Transport', () => {
  it('posts named arguments with the bearer key and database header; null is None', async () => {
    const stub = stubPost(() => ({ body: null }));
    await expect(
      new Json2Transport(endpoint, stub.post).call(apply, neverAborted),
    ).resolves.toBeNull();
    const [request] = stub.requests;
    expect(request?.url).toBe('https://odoo.test/json/2/stock.quant/action_apply_inventory');
    expect(request?.headers).toMatchObject({
      authorization: 'bearer api-key',
      'x-odoo-database': 'acme',
    });
    expect(request?.body).toEqual({ ids: [314], context: { inventory_mode: true } });
  });

  it.each([
    [401, 'werkzeug.exceptions.Unauthorized', 'ODOO_AUTH_FAILED', false],
    [403, 'odoo.exceptions.AccessError', 'ODOO_ACCESS_ERROR', false],
    [404, 'odoo.exceptions.MissingError', 'ODOO_MISSING_RECORD', false],
    [422, 'odoo.exceptions.ValidationError', 'ODOO_VALIDATION', false],
    [422, 'odoo.exceptions.UserError', 'ODOO_USER_ERROR', false],
    [503, 'werkzeug.exceptions.ServiceUnavailable', 'HTTP_SERVER_ERROR', true],
  ])('HTTP %i %s → %s', async (status, name, code, retriable) => {
    const stub = stubPost(() => ({ status, body: errorBody(name, 'Odoo says no') }));
    await expect(
      new Json2Transport(endpoint, stub.post).call(apply, neverAborted),
    ).rejects.toMatchObject({
      code,
      retriable,
    });
  });

  it('keeps Retry-After of a 429', async () => {
    const stub = stubPost(() => ({
      status: 429,
      headers: { 'retry-after': '2' },
      body: 'Too Many Requests',
    }));
    await expect(
      new Json2Transport(endpoint, stub.post).call(apply, neverAborted),
    ).rejects.toMatchObject({
      retryAfterMs: 2_000,
    });
  });
});
