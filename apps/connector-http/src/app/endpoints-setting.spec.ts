import { endpointsSchema } from './endpoints-setting';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

function parse(value: unknown) {
  return endpointsSchema.safeParse(JSON.stringify(value));
}

function messages(value: unknown): string[] {
  const result = parse(value);
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
}

describe('HTTP_CONNECTOR_ENDPOINTS', () => {
  it('parses endpoints sorted by id, with the default 15 s timeout', () => {
    const result = parse({
      'wms-b': { url: 'https://wms.example/b', secret: SECRET, entityTypes: ['purchase-order'] },
      'wms-a': {
        url: 'http://wms.local:8080/a',
        secret: SECRET,
        timeout: '2500ms',
        entityTypes: ['purchase-order', 'goods-receipt', 'purchase-order'],
      },
    });
    expect(result.success && result.data).toEqual([
      {
        id: 'wms-a',
        url: 'http://wms.local:8080/a',
        secrets: [SECRET],
        timeoutMs: 2_500,
        entityTypes: ['purchase-order', 'goods-receipt'],
        changeRequests: false,
      },
      {
        id: 'wms-b',
        url: 'https://wms.example/b',
        secrets: [SECRET],
        timeoutMs: 15_000,
        entityTypes: ['purchase-order'],
        changeRequests: false,
      },
    ]);
  });

  it('names every problem', () => {
    expect(
      messages({
        'Bad Id': { url: 'ftp://x', secret: 'plain', timeout: 'soon', entityTypes: [], extra: 1 },
      }),
    ).toEqual(
      expect.arrayContaining([
        'Bad Id: endpoint ids are [a-z0-9-], at most 100',
        'Bad Id: Unrecognized key: "extra"',
        'Bad Id.url: Invalid URL',
        'Bad Id.secret.0: secret must be whsec_ + base64 of 24–64 bytes',
        'Bad Id.timeout: must be a duration such as 500ms, 10s or 1m',
        'Bad Id.entityTypes: entityTypes must name at least one type (or changeRequests be true)',
      ]),
    );
  });

  it('takes two secrets while the receiver rotates (new first), not three', () => {
    const next = 'whsec_bmV4dC13bXMtc2lnbmluZy1zZWNyZXQtMDEyMzQ=';
    const result = parse({
      wms: { url: 'https://wms.example', secret: [next, SECRET], entityTypes: ['purchase-order'] },
    });
    expect(result.success && result.data[0]?.secrets).toEqual([next, SECRET]);
    expect(
      messages({
        wms: {
          url: 'https://wms.example',
          secret: [next, SECRET, SECRET],
          entityTypes: ['purchase-order'],
        },
      }),
    ).toEqual([
      'wms.secret: secret takes at most two secrets (the new and the old while rotating)',
    ]);
    expect(
      messages({
        wms: { url: 'https://wms.example', secret: [], entityTypes: ['purchase-order'] },
      }),
    ).toEqual(['wms.secret: secret must name one or two secrets']);
  });

  it('refuses text that is not JSON', () => {
    expect(endpointsSchema.safeParse('{nope').success).toBe(false);
  });

  it('refuses unknown entity types', () => {
    expect(
      messages({ a: { url: 'https://x.example', secret: SECRET, entityTypes: ['invoice'] } }),
    ).toHaveLength(1);
  });
});
