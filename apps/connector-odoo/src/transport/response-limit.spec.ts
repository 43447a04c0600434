/**
 * ODOO_MAX_RESPONSE_SIZE against a real socket: an Odoo (or anything posing as one) that
 * answers endlessly is cut off at the limit, the rest is not read, and the call fails
 * permanently with a message naming the setting, on every protocol.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HTTP_CLIENT_ERROR_CODES } from '@hub/connector-runtime';
import { PermanentError } from '@hub/resilience';
import { neverAborted } from '../testing/scripted-transport';
import { createOdooTransport } from './create-odoo-transport';
import type { OdooProtocol } from './odoo-call';

const LIMIT = 256 * 1024;
const OFFERED = 8 * 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, 'x');

interface Flood {
  readonly url: string;
  /** Per answered request: bytes the server got to write, and whether it wrote them all. */
  readonly answers: Promise<{ written: number; finished: boolean }>[];
  close(): Promise<void>;
}

/** Writes as fast as the client reads, up to OFFERED bytes, and records where it stopped. */
async function writeUntilCut(
  response: ServerResponse,
): Promise<{ written: number; finished: boolean }> {
  response.writeHead(200, { 'content-type': 'application/json' });
  let written = 0;
  while (written < OFFERED && !response.destroyed) {
    written += CHUNK.length;
    if (!response.write(CHUNK))
      await new Promise((resolve) => {
        response.once('drain', resolve);
        response.once('close', resolve);
      });
  }
  if (!response.destroyed) response.end();
  await new Promise((resolve) => {
    if (response.destroyed || response.writableFinished) resolve(undefined);
    else response.once('close', resolve);
  });
  return { written, finished: response.writableFinished && !response.destroyed };
}

async function flood(): Promise<Flood> {
  const answers: Flood['answers'] = [];
  const server: Server = createServer((request, response) => {
    request.resume();
    answers.push(writeUntilCut(response));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`,
    answers,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}

describe('ODOO_MAX_RESPONSE_SIZE', () => {
  let server: Flood;
  beforeAll(async () => {
    server = await flood();
  });
  afterAll(async () => {
    await server.close();
  });

  it.each<OdooProtocol>(['json-rpc', 'json-2', 'xml-rpc'])(
    '%s: a response over the limit fails permanently, naming the setting, and is not read to its end',
    async (protocol) => {
      const transport = createOdooTransport(protocol, {
        systemId: 'odoo-main',
        url: server.url,
        db: 'acme',
        login: 'hub',
        secret: 'key',
        timeoutMs: 10_000,
        maxResponseBytes: LIMIT,
      });
      const failure: unknown = await transport
        .call({ model: 'res.partner', method: 'search_read', params: {} }, neverAborted)
        .catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(PermanentError);
      expect(failure).toMatchObject({ code: HTTP_CLIENT_ERROR_CODES.responseTooLarge });
      expect(String(failure)).toContain(
        `larger than ${String(LIMIT)} bytes (ODOO_MAX_RESPONSE_SIZE)`,
      );
      const answer = await server.answers.at(-1);
      expect(answer?.finished).toBe(false);
      expect(answer?.written).toBeLessThan(OFFERED);
    },
  );
});
