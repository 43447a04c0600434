import { z } from 'zod';
import { ConfigError } from './config-error';
import { defineConfig } from './define-config';
import { duration } from './building-blocks/duration';
import { list } from './building-blocks/list';
import { port } from './building-blocks/numbers';
import { boolean, text } from './building-blocks/scalars';
import { group, setting, withDefault, withDefaults } from './setting';

const appConfig = defineConfig({
  http: {
    port: setting({
      env: 'HTTP_PORT',
      schema: port(),
      description: 'Listen port.',
      default: '3000',
      secret: false,
    }),
    verbose: setting({
      env: 'HTTP_VERBOSE',
      schema: boolean(),
      description: 'Log bodies.',
      default: 'false',
      secret: false,
    }),
  },
  retry: group({
    schedule: setting({
      env: 'RETRY_SCHEDULE',
      schema: list(duration()),
      description: 'Backoff.',
      default: '30s,2m',
      secret: false,
    }),
  }),
  apiToken: setting({
    env: 'API_TOKEN',
    schema: text().min(12, 'must be at least 12 characters'),
    description: 'Token.',
    secret: true,
  }),
  note: setting({
    env: 'NOTE',
    schema: text().optional(),
    description: 'Optional note.',
    secret: false,
  }),
});

function loadError(env: Record<string, string>): ConfigError {
  try {
    appConfig.load(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('defineConfig().load', () => {
  it('applies defaults and coerces values into a typed object', () => {
    const config = appConfig.load({ API_TOKEN: 'tok-123456789', HTTP_PORT: '8080' });
    // Compile-time: the loaded object is typed from the schemas.
    const portNumber: number = config.http.port;
    const schedule: readonly number[] = config.retry.schedule;
    const note: string | undefined = config.note;
    expect({ portNumber, schedule, note, verbose: config.http.verbose }).toEqual({
      portNumber: 8080,
      schedule: [30_000, 120_000],
      note: undefined,
      verbose: false,
    });
  });

  it('returns a deeply frozen object', () => {
    const config = appConfig.load({ API_TOKEN: 'tok-123456789' });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.http)).toBe(true);
    expect(Object.isFrozen(config.retry.schedule)).toBe(true);
    // @ts-expect-error -- readonly at compile time as well
    expect(() => (config.http.port = 1)).toThrow(TypeError);
  });

  it('treats an empty or blank variable as unset, so the default applies', () => {
    const config = appConfig.load({ API_TOKEN: 'tok-123456789', HTTP_PORT: '', NOTE: '   ' });
    expect(config.http.port).toBe(3000);
    expect(config.note).toBeUndefined();
  });

  it('lists every problem as VARIABLE: reason, with a stable code', () => {
    const error = loadError({
      HTTP_PORT: 'eighty',
      HTTP_VERBOSE: 'yes',
      RETRY_SCHEDULE: '30s,soon',
    });
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.retriable).toBe(false);
    expect(error.problems).toEqual([
      { variable: 'HTTP_PORT', reason: 'must be a port number (1-65535) (got "eighty")' },
      { variable: 'HTTP_VERBOSE', reason: 'must be true, false, 1 or 0 (got "yes")' },
      {
        variable: 'RETRY_SCHEDULE',
        reason: 'item 2: must be a duration such as 500ms, 30s, 2m, 1h or 1d (got "30s,soon")',
      },
      { variable: 'API_TOKEN', reason: 'is required but not set' },
    ]);
    expect(error.message).toBe(
      [
        'Configuration is invalid (4 problems):',
        '  - HTTP_PORT: must be a port number (1-65535) (got "eighty")',
        '  - HTTP_VERBOSE: must be true, false, 1 or 0 (got "yes")',
        '  - RETRY_SCHEDULE: item 2: must be a duration such as 500ms, 30s, 2m, 1h or 1d (got "30s,soon")',
        '  - API_TOKEN: is required but not set',
      ].join('\n'),
    );
  });

  it('never prints a secret value', () => {
    const error = loadError({ API_TOKEN: 'hunter2' });
    expect(error.problems).toEqual([
      { variable: 'API_TOKEN', reason: 'must be at least 12 characters (value hidden: secret)' },
    ]);
    expect(error.message).not.toContain('hunter2');
  });

  it('masks a secret even when a schema quotes its input', () => {
    const quoting = defineConfig({
      key: setting({
        env: 'SIGNING_KEY',
        schema: z.string().refine((v) => v.startsWith('whsec_'), {
          error: (issue) => `"${String(issue.input)}" lacks prefix`,
        }),
        description: 'Key.',
        secret: true,
      }),
    });
    expect(() => quoting.load({ SIGNING_KEY: 'topsecret' })).toThrow(
      'SIGNING_KEY: "[secret]" lacks prefix (value hidden: secret)',
    );
  });

  it('redacts secrets for logging', () => {
    const config = appConfig.load({ API_TOKEN: 'tok-123456789', NOTE: 'hello' });
    expect(appConfig.redact(config)).toEqual({
      http: { port: 3000, verbose: false },
      retry: { schedule: [30_000, 120_000] },
      apiToken: '[secret]',
      note: 'hello',
    });
  });

  it('lists settings in declaration order with their paths', () => {
    expect(appConfig.settings.map(({ path, setting: s }) => `${path.join('.')}=${s.env}`)).toEqual([
      'http.port=HTTP_PORT',
      'http.verbose=HTTP_VERBOSE',
      'retry.schedule=RETRY_SCHEDULE',
      'apiToken=API_TOKEN',
      'note=NOTE',
    ]);
  });
});

describe('groups', () => {
  const pair = group(
    {
      user: setting({
        env: 'PAIR_USER',
        schema: text().optional(),
        description: 'User.',
        secret: false,
      }),
      pass: setting({
        env: 'PAIR_PASS',
        schema: text().optional(),
        description: 'Password.',
        secret: true,
      }),
    },
    (value) =>
      value.user !== undefined && value.pass === undefined
        ? [{ variable: 'PAIR_PASS', reason: 'is required with PAIR_USER' }]
        : [],
  );

  it('runs the group check on parsed values', () => {
    const definition = defineConfig({ pair });
    expect(() => definition.load({ PAIR_USER: 'me' })).toThrow(
      'PAIR_PASS: is required with PAIR_USER',
    );
    expect(definition.load({ PAIR_USER: 'me', PAIR_PASS: 'pw' }).pair).toEqual({
      user: 'me',
      pass: 'pw',
    });
  });

  it('replaces defaults without losing the check', () => {
    const named = withDefaults(pair, { user: 'ingress' });
    const definition = defineConfig({ pair: named });
    expect(() => definition.load({})).toThrow('PAIR_PASS: is required with PAIR_USER');
    expect(definition.load({ PAIR_PASS: 'pw' }).pair.user).toBe('ingress');
  });
});

describe('definition errors', () => {
  const port1 = setting({ env: 'PORT_A', schema: port(), description: 'A.', secret: false });

  it('refuses a variable declared twice', () => {
    const twice = () => defineConfig({ a: port1, nested: { b: withDefault(port1, '80') } });
    expect(twice).toThrow(expect.objectContaining({ code: 'CONFIG_DEFINITION_INVALID' }) as Error);
    expect(twice).toThrow('PORT_A: declared twice (a and nested.b)');
  });

  it('refuses a default its own schema rejects', () => {
    expect(() => withDefault(port1, '0')).toThrow(
      'PORT_A: default "0" is invalid: must be a port number (1-65535)',
    );
  });

  it('refuses a malformed variable name', () => {
    expect(() =>
      setting({ env: 'kafka-brokers', schema: text(), description: 'x', secret: false }),
    ).toThrow('kafka-brokers: is not an environment variable name (A-Z, 0-9, _)');
  });
});
