import fc from 'fast-check';
import type { z } from 'zod';
import { parseDuration } from '@hub/primitives';
import { duration } from './duration';
import { list } from './list';
import { basicAuth, hostPort, url } from './network';
import { integer, port } from './numbers';
import { boolean, logLevel, oneOf } from './scalars';

function parse<T>(schema: z.ZodType<T, string>, raw: string): T {
  return schema.parse(raw);
}

function reasonFor(schema: z.ZodType<unknown, string>, raw: string): string | undefined {
  const result = schema.safeParse(raw);
  return result.success ? undefined : result.error.issues.map((issue) => issue.message).join('; ');
}

describe('duration', () => {
  it.each([
    ['500ms', 500],
    ['30s', 30_000],
    ['2m', 120_000],
    ['1h', 3_600_000],
    ['1d', 86_400_000],
    ['1.5s', 1_500],
    [' 8m ', 480_000],
  ])('parses %s to %i ms', (raw, ms) => {
    expect(parse(duration(), raw)).toBe(ms);
  });

  it.each(['30', 's', '1.5ms', '-1s', '2 minutes', '1h30m', ''])('refuses %p', (raw) => {
    expect(reasonFor(duration(), raw)).toBe('must be a duration such as 500ms, 30s, 2m, 1h or 1d');
  });

  it('reads back any whole amount of any unit', () => {
    const units = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };
    fc.assert(
      fc.property(
        fc.nat({ max: 100_000 }),
        fc.constantFrom(...(Object.keys(units) as (keyof typeof units)[])),
        (amount, unit) => {
          expect(parseDuration(`${amount}${unit}`)).toBe(amount * units[unit]);
        },
      ),
    );
  });
});

describe('list', () => {
  it('trims items and drops empty ones', () => {
    expect(parse(list(hostPort()), ' a:1, ,b:2 ,')).toEqual(['a:1', 'b:2']);
  });

  it('parses each item with the item schema', () => {
    expect(parse(list(duration()), '30s,2m')).toEqual([30_000, 120_000]);
  });

  it('names the failing item', () => {
    expect(reasonFor(list(hostPort()), 'a:1,b')).toBe('must be host:port');
    expect(list(hostPort()).safeParse('a:1,b').error?.issues[0]?.path).toEqual([1]);
  });

  it('requires at least one item', () => {
    expect(reasonFor(list(hostPort()), ' , ')).toBe('must list at least 1 comma-separated item');
  });
});

describe('numbers', () => {
  it.each([
    ['1', 1],
    ['65535', 65_535],
    [' 8080 ', 8080],
  ])('port %p', (raw, value) => {
    expect(parse(port(), raw)).toBe(value);
  });

  it.each(['0', '65536', '80.5', 'http', '-1'])('refuses port %p', (raw) => {
    expect(reasonFor(port(), raw)).toBe('must be a port number (1-65535)');
  });

  it('bounds integers', () => {
    expect(parse(integer({ min: 1, max: 10 }), '10')).toBe(10);
    expect(reasonFor(integer({ min: 1, max: 10 }), '11')).toBe('must be at most 10');
    expect(reasonFor(integer({ min: 1 }), '0')).toBe('must be at least 1');
    expect(reasonFor(integer(), '1e3')).toBe('must be a whole number');
  });
});

describe('scalars', () => {
  it.each([
    ['true', true],
    ['TRUE', true],
    ['1', true],
    ['false', false],
    ['0', false],
  ])('boolean %p', (raw, value) => {
    expect(parse(boolean(), raw)).toBe(value);
  });

  it.each(['yes', 'on', '2'])('refuses boolean %p', (raw) => {
    expect(reasonFor(boolean(), raw)).toBe('must be true, false, 1 or 0');
  });

  it('accepts pino levels in any case', () => {
    expect(parse(logLevel(), 'DEBUG')).toBe('debug');
    expect(reasonFor(logLevel(), 'verbose')).toBe(
      'must be one of fatal, error, warn, info, debug, trace, silent',
    );
  });

  it('restricts oneOf to its words', () => {
    expect(parse(oneOf(['json-rpc', 'xml-rpc']), 'xml-rpc')).toBe('xml-rpc');
    expect(reasonFor(oneOf(['json-rpc', 'xml-rpc']), 'soap')).toBe(
      'must be one of json-rpc, xml-rpc',
    );
  });
});

describe('network', () => {
  it('accepts URLs with an allowed scheme only', () => {
    expect(parse(url(['postgres', 'postgresql']), 'postgres://u:p@db:5432/hub')).toBe(
      'postgres://u:p@db:5432/hub',
    );
    expect(reasonFor(url(), 'ftp://host/x')).toBe('must be a http or https URL');
    expect(reasonFor(url(), 'not a url')).toBe('must be a http or https URL');
  });

  it.each(['127.0.0.1:9092', 'kafka-0.kafka:9093', '[::1]:9092'])('accepts broker %p', (raw) => {
    expect(parse(hostPort(), raw)).toBe(raw);
  });

  it.each(['kafka', 'kafka:', 'kafka:0', 'kafka:70000', 'http://kafka:9092'])(
    'refuses broker %p',
    (raw) => {
      expect(reasonFor(hostPort(), raw)).toBe('must be host:port');
    },
  );

  it('splits basic auth at the first colon', () => {
    expect(parse(basicAuth(), 'user:pa:ss')).toEqual({ username: 'user', password: 'pa:ss' });
    expect(reasonFor(basicAuth(), 'user')).toBe('must be username:password');
    expect(reasonFor(basicAuth(), ':secret')).toBe('must be username:password');
  });
});
