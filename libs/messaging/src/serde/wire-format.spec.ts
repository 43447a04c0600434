import fc from 'fast-check';
import { MessagingError } from '../errors/messaging-error';
import { frame, unframe } from './wire-format';

describe('Confluent wire format', () => {
  it('frames as magic byte 0, big-endian schema id, then the payload', () => {
    expect([...frame(258, Buffer.from([7, 8]))]).toEqual([0, 0, 0, 1, 2, 7, 8]);
  });

  it('unframes whatever it framed', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.uint8Array({ maxLength: 64 }),
        (schemaId, bytes) => {
          const unframed = unframe(frame(schemaId, Buffer.from(bytes)));
          expect(unframed.schemaId).toBe(schemaId);
          expect([...unframed.payload]).toEqual([...bytes]);
        },
      ),
    );
  });

  it.each([
    [
      'a wrong magic byte',
      Buffer.from([1, 0, 0, 0, 1, 2]),
      /byte 1, not the Confluent magic byte 0/,
    ],
    ['JSON text', Buffer.from('{"sku":"A"}'), /byte 123/],
    ['too few bytes', Buffer.from([0, 0, 1]), /3 byte\(s\)/],
    ['a tombstone', null, /tombstone/],
  ])('rejects %s with NOT_CONFLUENT_PAYLOAD', (_label, buffer, message) => {
    expect(() => unframe(buffer)).toThrow(message);
    expect(() => unframe(buffer)).toThrow(MessagingError);
    expect(() => unframe(buffer)).toThrow(
      expect.objectContaining({ code: 'NOT_CONFLUENT_PAYLOAD', retriable: false }) as Error,
    );
  });
});
