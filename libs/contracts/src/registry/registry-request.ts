/**
 * One call to a Confluent-compatible schema registry (Confluent REST API v7; locally
 * Apicurio's ccompat API), with its failures mapped to ContractErrors: network and 5xx
 * are retriable, 409 is an incompatible schema, other 4xx are rejections.
 */
import { ContractError } from '../errors/contract-error';

export interface RegistryClientOptions {
  /** e.g. http://127.0.0.1:8081/apis/ccompat/v7 */
  readonly registryUrl: string;
  /** `username:password`, when the registry wants basic auth. */
  readonly basicAuth?: string;
  /** Injected for tests; defaults to the global fetch. */
  readonly fetch?: typeof fetch;
}

export interface RegistryResponse {
  readonly status: number;
  readonly body: unknown;
}

const contentType = 'application/vnd.schemaregistry.v1+json';

function headers(options: RegistryClientOptions): Record<string, string> {
  const base = { 'Content-Type': contentType, Accept: contentType };
  if (options.basicAuth === undefined) return base;
  return { ...base, Authorization: `Basic ${Buffer.from(options.basicAuth).toString('base64')}` };
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return text === '' ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return text;
  }
}

/** Sends the request; answers with any status, throwing only when no answer came. */
export async function registryCall(
  options: RegistryClientOptions,
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  body?: unknown,
): Promise<RegistryResponse> {
  const url = `${options.registryUrl.replace(/\/+$/, '')}${path}`;
  const send = options.fetch ?? fetch;
  try {
    const init: RequestInit = { method, headers: headers(options) };
    if (body !== undefined) init.body = JSON.stringify(body);
    const response = await send(url, init);
    return { status: response.status, body: await readBody(response) };
  } catch (error) {
    throw new ContractError(
      'SCHEMA_REGISTRY_UNAVAILABLE',
      `Schema registry unreachable at ${url}`,
      true,
      { cause: error },
    );
  }
}

/** Throws the ContractError a failed response stands for. */
export function registryFailure(response: RegistryResponse, what: string): ContractError {
  const detail = JSON.stringify(response.body);
  if (response.status === 409)
    return new ContractError('SCHEMA_INCOMPATIBLE', `${what}: incompatible (409) ${detail}`);
  if (response.status >= 500)
    return new ContractError(
      'SCHEMA_REGISTRY_UNAVAILABLE',
      `${what}: ${response.status} ${detail}`,
      true,
    );
  return new ContractError('SCHEMA_REGISTRY_REJECTED', `${what}: ${response.status} ${detail}`);
}
