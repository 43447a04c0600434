import { createHmac } from 'node:crypto';
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
    // The reference library (the oracle below) checks freshness against the real clock; pin it.
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

  describe('agrees with the reference library', () => {
    const libraryAccepts = (
      key: string,
      headers: { id: string; timestamp: string; signature: string },
      payload: Buffer,
    ): boolean => {
      try {
        new Webhook(key).verify(
          payload,
          {
            'webhook-id': headers.id,
            'webhook-timestamp': headers.timestamp,
            'webhook-signature': headers.signature,
          },
          { jsonParse: false },
        );
        return true;
      } catch {
        return false;
      }
    };
    const weAccept = (
      key: string,
      headers: { id: string; timestamp: string; signature: string },
      payload: Buffer,
    ): boolean =>
      codeOf(() => {
        verifyWmsSignature([key], headers, payload, sentAtMs);
      }) === undefined;
    const librarySignature = (key: string, payload: Buffer): string =>
      new Webhook(key).sign(id, new Date(sentAtMs), payload);
    /** HMAC over the raw bytes with a leniently decoded key: what a careless verifier checks. */
    const rawSignature = (key: string, stamp: string, payload: Buffer): string =>
      `v1,${createHmac('sha256', Buffer.from(key.replace(/^whsec_/, ''), 'base64'))
        .update(`${id}.${stamp}.`)
        .update(payload)
        .digest('base64')}`;

    const invalidUtf8 = Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]);
    type Case = [string, string, { id: string; timestamp: string; signature: string }, Buffer];
    const cases: Case[] = [
      ['the vector', secret, { id, timestamp, signature }, body],
      [
        'a timestamp with leading zeros (the number is signed)',
        secret,
        { id, timestamp: `00${timestamp}`, signature: librarySignature(secret, body) },
        body,
      ],
      [
        'a timestamp with leading zeros signed as sent',
        secret,
        {
          id,
          timestamp: `00${timestamp}`,
          signature: rawSignature(secret, `00${timestamp}`, body),
        },
        body,
      ],
      [
        'an invalid UTF-8 body signed by the library (over its decoded text)',
        secret,
        { id, timestamp, signature: librarySignature(secret, invalidUtf8) },
        invalidUtf8,
      ],
      [
        'an invalid UTF-8 body signed over its raw bytes',
        secret,
        { id, timestamp, signature: rawSignature(secret, timestamp, invalidUtf8) },
        invalidUtf8,
      ],
      [
        'another version with a valid value',
        secret,
        { id, timestamp, signature: signature.replace('v1,', 'v1a,') },
        body,
      ],
      ['versions mixed', secret, { id, timestamp, signature: `v1a,xyz v2,abc ${signature}` }, body],
      ['a third comma part', secret, { id, timestamp, signature: `${signature},extra` }, body],
      ['v1 without a value', secret, { id, timestamp, signature: 'v1' }, body],
      [
        'an unpadded secret',
        'whsec_abcdefg',
        { id, timestamp, signature: librarySignature('whsec_abcdefg', body) },
        body,
      ],
      [
        'a secret without the prefix',
        'MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
        { id, timestamp, signature },
        body,
      ],
      // Refused by the library's base64 decoder (a space, url-safe base64, too short, three
      // '='), so nothing signed with them counts, however a lenient decoder reads them.
      ...['whsec_YW Jj', 'whsec_YW-j', 'whsec_abc', 'whsec_ab==='].map((key): Case => [
        `a secret the library refuses: "${key}"`,
        key,
        { id, timestamp, signature: rawSignature(key, timestamp, body) },
        body,
      ]),
    ];

    it.each(cases)('%s', (_label, key, headers, payload) => {
      expect(weAccept(key, headers, payload)).toBe(libraryAccepts(key, headers, payload));
    });

    it('covers both verdicts', () => {
      const verdicts = cases.map(([, key, headers, payload]) =>
        libraryAccepts(key, headers, payload),
      );
      expect(new Set(verdicts)).toEqual(new Set([true, false]));
    });

    it('on random bodies, ids and secrets, signed, tampered or signed with another secret', () => {
      const randomBytesOf = (length: number): Buffer =>
        Buffer.from(Array.from({ length }, (_, n) => (n * 7919 + length * 104729) % 256));
      for (let n = 1; n <= 40; n += 1) {
        const key = `whsec_${randomBytesOf(24 + n).toString('base64')}`;
        const other = `whsec_${randomBytesOf(23 + n).toString('base64')}`;
        const payload = randomBytesOf(n * 13);
        const made = new Webhook(key).sign(`msg_${String(n)}`, new Date(sentAtMs), payload);
        const headers = { id: `msg_${String(n)}`, timestamp, signature: made };
        const tampered = Buffer.concat([payload, Buffer.from(' ')]);
        expect([
          weAccept(key, headers, payload),
          weAccept(key, headers, tampered),
          weAccept(other, headers, payload),
        ]).toEqual([
          libraryAccepts(key, headers, payload),
          libraryAccepts(key, headers, tampered),
          libraryAccepts(other, headers, payload),
        ]);
      }
    });
  });
});
