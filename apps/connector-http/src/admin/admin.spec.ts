import { NotFoundException } from '@nestjs/common';
import { AdminError } from './admin-error';
import { requireAdmin } from './admin-auth';
import { endpointView, safeUrl } from './endpoint-view';
import { toProblem } from './to-problem';

const TOKEN = 'admin-token-0123456789abcdef';

describe('admin token', () => {
  it('accepts exactly Bearer <token>', () => {
    expect(() => {
      requireAdmin(TOKEN, `Bearer ${TOKEN}`);
    }).not.toThrow();
    expect(() => {
      requireAdmin(TOKEN, `bearer ${TOKEN}`);
    }).not.toThrow();
  });

  it.each([undefined, '', TOKEN, `Bearer ${TOKEN}x`, `Basic ${TOKEN}`, 'Bearer '])(
    'refuses %p',
    (header) => {
      expect(() => {
        requireAdmin(TOKEN, header);
      }).toThrow(AdminError);
    },
  );
});

describe('problem responses', () => {
  it('401 with WWW-Authenticate', () => {
    const problem = toProblem(new AdminError('UNAUTHORIZED', 'no'), '/endpoints');
    expect(problem.status).toBe(401);
    expect(problem.headers).toEqual({ 'www-authenticate': 'Bearer' });
    expect(problem.body).toEqual({
      type: 'urn:hub:problem:unauthorized',
      title: 'Missing or invalid admin token',
      status: 401,
      detail: 'no',
      code: 'UNAUTHORIZED',
      instance: '/endpoints',
    });
  });

  it('503 with Retry-After when the store is down', () => {
    const problem = toProblem(new AdminError('STORE_UNAVAILABLE', 'down'));
    expect(problem.status).toBe(503);
    expect(problem.headers).toEqual({ 'retry-after': '5' });
  });

  it("Fastify's client errors are 400, not 500", () => {
    const empty = Object.assign(
      new Error("Body cannot be empty when content-type is set to 'application/json'"),
      {
        statusCode: 400,
        code: 'FST_ERR_CTP_EMPTY_JSON_BODY',
      },
    );
    expect(toProblem(empty)).toMatchObject({ status: 400, code: 'BAD_REQUEST' });
  });

  it("Nest's 404 and anything unexpected", () => {
    expect(toProblem(new NotFoundException()).code).toBe('NOT_FOUND');
    const bug = toProblem(new Error('secret detail'));
    expect(bug.status).toBe(500);
    expect(bug.body.detail).toBe('An unexpected error occurred.');
  });
});

describe('endpoint view', () => {
  it('shows neither secret, credentials nor query', () => {
    expect(safeUrl('https://user:pw@wms.example:8443/hooks/po?token=abc')).toBe(
      'https://wms.example:8443/hooks/po',
    );
    const view = endpointView(
      {
        id: 'wms',
        url: 'https://wms.example/hooks?token=abc',
        secrets: ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'],
        timeoutMs: 15_000,
        entityTypes: ['purchase-order'],
      },
      {
        endpointId: 'wms',
        disabled: {
          disabledAt: Date.parse('2026-11-27T04:00:00Z'),
          reason: 'HTTP 410 Gone',
          httpStatus: 410,
        },
        enabledAt: undefined,
      },
    );
    expect(view).toEqual({
      id: 'wms',
      url: 'https://wms.example/hooks',
      entityTypes: ['purchase-order'],
      timeoutMs: 15_000,
      state: 'disabled',
      disabledAt: '2026-11-27T04:00:00.000Z',
      disabledReason: 'HTTP 410 Gone',
      enabledAt: null,
    });
  });
});
