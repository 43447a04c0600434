import { PassThrough, Writable } from 'node:stream';
import { pipeInto } from '@hub/demo';

/** A log in memory: what was written, and each error it raised. */
function memoryLog(): { log: Writable; text: () => string; errors: Error[] } {
  const chunks: Buffer[] = [];
  const errors: Error[] = [];
  const log = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  log.on('error', (error) => errors.push(error));
  return { log, text: () => Buffer.concat(chunks).toString(), errors };
}

const settled = (): Promise<void> => new Promise((done) => setTimeout(done, 20));

describe('pipeInto (an app process stdout and stderr into one log)', () => {
  it('keeps the log open until every source has ended', async () => {
    const { log, text, errors } = memoryLog();
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    pipeInto(log, [stdout, stderr]);

    // An app refused at start: stdout closes empty, then stderr says why.
    stdout.end();
    await settled();
    stderr.end('node: --cpu-prof is not allowed in NODE_OPTIONS\n');
    await settled();

    expect(errors).toEqual([]);
    expect(text()).toBe('node: --cpu-prof is not allowed in NODE_OPTIONS\n');
    expect(log.writableEnded).toBe(true);
  });

  it('does not end the log while a source is still open', async () => {
    const { log, text } = memoryLog();
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    pipeInto(log, [stdout, stderr]);

    stdout.end('ready\n');
    await settled();

    expect(log.writableEnded).toBe(false);
    stderr.end('bye\n');
    await settled();
    expect(text()).toBe('ready\nbye\n');
    expect(log.writableEnded).toBe(true);
  });
});
