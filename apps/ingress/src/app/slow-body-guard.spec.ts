import { connect } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { sendSlowly } from '../testing/slow-sender';
import { guardSlowBodies } from './slow-body-guard';

const TIMEOUT_MS = 300;

describe('guardSlowBodies', () => {
  let app: FastifyInstance;
  let port: number;

  beforeAll(async () => {
    app = Fastify();
    guardSlowBodies(app, TIMEOUT_MS);
    app.post('/slow', () => ({ ok: true }));
    // Its body arrives at once; the answer takes longer than the body timeout.
    app.post('/busy', async () => {
      await new Promise((resolve) => setTimeout(resolve, TIMEOUT_MS * 3));
      return { ok: true };
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    port = typeof address === 'object' && address !== null ? address.port : 0;
  });

  afterAll(async () => {
    await app.close();
  });

  it('answers 408 and closes the connection of a body slower than the timeout', async () => {
    const started = Date.now();
    const answer = await sendSlowly({
      port,
      path: '/slow',
      contentType: 'text/plain',
      contentLength: 100,
      byte: 'x',
      dripMs: 50,
    });
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    // Cut off after the timeout and at most one check interval (a quarter of it) later.
    expect(Date.now() - started).toBeGreaterThanOrEqual(TIMEOUT_MS - 10);
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS * 3);
  });

  it('leaves a request alone once its body arrived, however long the answer takes', async () => {
    const answer = await new Promise<string>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      let received = '';
      socket.on('data', (chunk: Buffer) => {
        received += chunk.toString('utf8');
        socket.end();
      });
      socket.on('close', () => {
        resolve(received);
      });
      // The head first, the body a little later, so the request is watched while it arrives.
      socket.write(
        'POST /busy HTTP/1.1\r\nhost: x\r\ncontent-type: text/plain\r\ncontent-length: 2\r\n\r\n',
      );
      setTimeout(() => socket.write('{}'), TIMEOUT_MS / 3);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 200/);
  });
});
