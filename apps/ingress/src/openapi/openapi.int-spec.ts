import { startIngress, type RunningIngress } from '../testing/ingress-harness';

interface Operation {
  readonly parameters?: readonly { name: string; in: string }[];
  readonly requestBody?: unknown;
  readonly responses: Readonly<Record<string, { content?: Readonly<Record<string, unknown>> }>>;
}

describe('OpenAPI at /docs', () => {
  let running: RunningIngress;

  beforeAll(async () => {
    running = await startIngress();
  });

  afterAll(async () => {
    await running.stop();
  });

  it('documents the five webhook routes with their parameters, bodies and problem answers', async () => {
    const response = await fetch(`${running.url}/docs-json`);
    expect(response.status).toBe(200);
    const document = (await response.json()) as {
      openapi: string;
      paths: Record<string, Record<string, Operation>>;
      components: { schemas: Record<string, unknown> };
    };
    expect(document.openapi).toMatch(/^3\./);
    const routes = {
      '/webhooks/wms/{systemId}': [
        'systemId',
        'webhook-id',
        'webhook-timestamp',
        'webhook-signature',
      ],
      '/webhooks/odoo/{systemId}/{token}': ['systemId', 'token', 'kind'],
      '/webhooks/business-central/{systemId}': ['systemId', 'validationToken'],
      '/webhooks/sap/{systemId}': ['systemId', 'authorization', 'ce-id'],
      '/webhooks/dynamics-finance/{systemId}/{token}': ['systemId', 'token'],
    };
    for (const [route, parameters] of Object.entries(routes)) {
      const post = document.paths[route]?.post;
      expect({ route, methods: Object.keys(document.paths[route] ?? {}) }).toEqual({
        route,
        methods: ['post'],
      });
      expect((post?.parameters ?? []).map((p) => p.name).sort()).toEqual([...parameters].sort());
      expect(post?.requestBody).toBeDefined();
      expect(post?.responses['202']).toBeDefined();
      expect(post?.responses['503']?.content).toHaveProperty(['application/problem+json']);
      // An unknown system is answered as a wrong credential: no route documents a 404.
      expect(post?.responses['404']).toBeUndefined();
    }
    const wms = document.paths['/webhooks/wms/{systemId}']?.post;
    expect(Object.keys(wms?.responses ?? {}).sort()).toEqual([
      '202',
      '400',
      '401',
      '403',
      '413',
      '415',
      '429',
      '503',
    ]);
    expect(document.components.schemas).toHaveProperty('Problem');
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/healthz', '/readyz', '/metrics']),
    );
  });

  it('serves Swagger UI at /docs', async () => {
    const response = await fetch(`${running.url}/docs`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
  });
});
