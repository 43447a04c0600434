/**
 * The request sequence and the failure mapping of registration, with scripted answers.
 * The registry itself is exercised for real in contracts-registry.int-spec.ts; these cover
 * the answers a healthy local Apicurio never gives (404 on config, 5xx, no connection).
 */
import { registerSchema } from './register-catalog';

type Answer = { status: number; body: unknown } | Error;

function scripted(answers: Answer[]): { fetch: typeof fetch; calls: string[] } {
  const calls: string[] = [];
  const fetchStub = (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    calls.push(
      `${init?.method ?? 'GET'} ${input instanceof Request ? input.url : input.toString()}`,
    );
    const answer = answers.shift();
    if (answer === undefined || answer instanceof Error)
      return Promise.reject(answer ?? new Error('unexpected call'));
    return Promise.resolve(new Response(JSON.stringify(answer.body), { status: answer.status }));
  };
  return { fetch: fetchStub, calls };
}

const url = 'http://registry.test/apis/ccompat/v7';

describe('registerSchema', () => {
  it('sets BACKWARD on the subject before registering the version', async () => {
    const { fetch, calls } = scripted([
      { status: 200, body: { compatibility: 'BACKWARD' } },
      { status: 200, body: { id: 12 } },
    ]);
    await expect(registerSchema({ registryUrl: url, fetch }, 's-value', '"string"')).resolves.toBe(
      12,
    );
    expect(calls).toEqual([`PUT ${url}/config/s-value`, `POST ${url}/subjects/s-value/versions`]);
  });

  it('sets BACKWARD right after the first version where the registry refuses config for unknown subjects', async () => {
    const { fetch, calls } = scripted([
      { status: 404, body: {} },
      { status: 200, body: { id: 3 } },
      { status: 200, body: {} },
    ]);
    await expect(registerSchema({ registryUrl: url, fetch }, 's-value', '"string"')).resolves.toBe(
      3,
    );
    expect(calls).toEqual([
      `PUT ${url}/config/s-value`,
      `POST ${url}/subjects/s-value/versions`,
      `PUT ${url}/config/s-value`,
    ]);
  });

  it.each([
    [
      '409',
      { status: 409, body: { error_code: 409 } },
      { code: 'SCHEMA_INCOMPATIBLE', retriable: false },
    ],
    [
      '422',
      { status: 422, body: { error_code: 42201 } },
      { code: 'SCHEMA_REGISTRY_REJECTED', retriable: false },
    ],
    ['503', { status: 503, body: {} }, { code: 'SCHEMA_REGISTRY_UNAVAILABLE', retriable: true }],
    [
      'no connection',
      new Error('ECONNREFUSED'),
      { code: 'SCHEMA_REGISTRY_UNAVAILABLE', retriable: true },
    ],
  ])('maps a %s answer to registration to a ContractError', async (_label, answer, expected) => {
    const { fetch } = scripted([{ status: 200, body: {} }, answer]);
    await expect(
      registerSchema({ registryUrl: url, fetch }, 's-value', '"string"'),
    ).rejects.toMatchObject(expected);
  });
});
