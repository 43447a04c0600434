/**
 * What never reaches a log line. pino's redaction matches paths, not key names anywhere,
 * so the usual places are listed: top level, one level down, and HTTP header maps
 * (`headers`, `req.headers`, `request.headers`, `*.headers`).
 */
const SECRET_KEYS = [
  'password',
  'passwd',
  'secret',
  'token',
  'accessToken',
  'refreshToken',
  'access_token',
  'refresh_token',
  'apiKey',
  'api_key',
  'clientSecret',
  'client_secret',
  'authorization',
  'Authorization',
] as const;

const SECRET_HEADERS = [
  'authorization',
  'Authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'webhook-signature',
  'x-csrf-token',
] as const;

const HEADER_MAPS = ['headers', 'req.headers', 'request.headers', '*.headers'] as const;

function property(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `["${key}"]`;
}

export const REDACTED_PATHS: readonly string[] = [
  ...SECRET_KEYS.flatMap((key) => [key, `*${property(key)}`]),
  ...HEADER_MAPS.flatMap((map) => SECRET_HEADERS.map((header) => `${map}${property(header)}`)),
];

export const REDACTION_CENSOR = '[REDACTED]';
