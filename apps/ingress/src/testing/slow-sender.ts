/** A sender that announces a body and then drips it a byte at a time (the slow-body guard's foe). */
import { connect } from 'node:net';

export interface SlowSend {
  readonly port: number;
  readonly path: string;
  readonly contentType: string;
  /** The announced content-length, never reached in the test's time. */
  readonly contentLength: number;
  readonly byte: string;
  readonly dripMs: number;
}

/** Resolves with everything the server answered once it closed the connection. */
export function sendSlowly(send: SlowSend): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(send.port, '127.0.0.1');
    let received = '';
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('utf8');
    });
    socket.on('close', () => {
      clearInterval(drip);
      resolve(received);
    });
    socket.write(
      `POST ${send.path} HTTP/1.1\r\nhost: x\r\ncontent-type: ${send.contentType}\r\ncontent-length: ${String(send.contentLength)}\r\n\r\n`,
    );
    const drip = setInterval(() => socket.write(send.byte), send.dripMs);
  });
}
