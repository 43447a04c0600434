import { Webhook } from 'standardwebhooks';
import { verifyWmsSignature } from './wms-signature';

// The reference library's test vector (docs/erp-protocols.md §5.2).
const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const id = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
const timestamp = '1614265330';
const body = Buffer.from('{"test": 2432232314}');
const signature = 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=';
const sentAtMs = 1614265330 * 1000;

function codeOf(run: () => void): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
}

describe('verifyWmsSignature', () => {
  beforeEach(() => {
    // The library checks freshness against the real clock too; pin it to the vector's time.
    jest.useFakeTimers({ now: sentAtMs + 1_000 });
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  it('accepts the reference vector', () => {
    expect(
      codeOf(() => {
        verifyWmsSignature([secret], { id, timestamp, signature }, body, sentAtMs + 1_000);
      }),
    ).toBeUndefined();
  });

  it('accepts any matching signature of a space-separated list (key rotation)', () => {
    const list = `v1,AAAA ${signature}`;
    expect(
      codeOf(() => {
        verifyWmsSignature([secret], { id, timestamp, signature: list }, body, sentAtMs);
      }),
    ).toBeUndefined();
  });

  it('refuses a changed body', () => {
    const changed = Buffer.from('{"test": 2432232315}');
    expect(
      codeOf(() => {
        verifyWmsSignature([secret], { id, timestamp, signature }, changed, sentAtMs);
      }),
    ).toBe('SIGNATURE_INVALID');
  });

  it('refuses another secret', () => {
    const other = 'whsec_' + Buffer.from('another-secret-of-24-bytes!').toString('base64');
    expect(
      codeOf(() => {
        verifyWmsSignature([other], { id, timestamp, signature }, body, sentAtMs);
      }),
    ).toBe('SIGNATURE_INVALID');
  });

  it('refuses missing headers', () => {
    expect(
      codeOf(() => {
        verifyWmsSignature([secret], { id, timestamp, signature: undefined }, body, sentAtMs);
      }),
    ).toBe('SIGNATURE_INVALID');
  });

  it.each([
    ['5 min 1 s late', sentAtMs + 301_000],
    ['5 min 1 s early', sentAtMs - 301_000],
  ])('refuses a timestamp %s as out of tolerance', (_label, now) => {
    expect(
      codeOf(() => {
        verifyWmsSignature([secret], { id, timestamp, signature }, body, now);
      }),
    ).toBe('TIMESTAMP_OUT_OF_TOLERANCE');
  });

  it('accepts a timestamp exactly at the tolerance', () => {
    jest.setSystemTime(sentAtMs + 300_000);
    expect(
      codeOf(() => {
        verifyWmsSignature([secret], { id, timestamp, signature }, body, sentAtMs + 300_000);
      }),
    ).toBeUndefined();
  });

  it('agrees with signatures the library makes', () => {
    const made = new Webhook(secret).sign('msg_1', new Date(sentAtMs), body);
    expect(
      codeOf(() => {
        verifyWmsSignature([secret], { id: 'msg_1', timestamp, signature: made }, body, sentAtMs);
      }),
    ).toBeUndefined();
  });

  it('accepts a delivery signed with either of two secrets while rotating, refuses a third', () => {
    const next = 'whsec_bmV4dC1zZWNyZXQtb2YtdGhlLXdtcy0wMTIzNDU=';
    const third = 'whsec_dGhpcmQtc2VjcmV0LW5vYm9keS1jb25maWd1cmVk';
    const signedWith = (key: string) => new Webhook(key).sign('msg_1', new Date(sentAtMs), body);
    const verdict = (key: string) =>
      codeOf(() => {
        verifyWmsSignature(
          [next, secret],
          { id: 'msg_1', timestamp, signature: signedWith(key) },
          body,
          sentAtMs,
        );
      });
    expect([verdict(secret), verdict(next), verdict(third)]).toEqual([
      undefined,
      undefined,
      'SIGNATURE_INVALID',
    ]);
  });
});
