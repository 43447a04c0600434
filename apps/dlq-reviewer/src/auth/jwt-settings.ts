/**
 * DLQ_JWT_*: how operator JWTs are verified. A token is accepted only if it was issued for
 * this reviewer (audience), by the configured issuer, with one of the pinned asymmetric
 * algorithms, and is short-lived (exp required, iat not older than DLQ_JWT_MAX_AGE).
 */
import { duration, group, list, oneOf, setting, text, type ConfigProblem } from '@hub/config';
import { z } from 'zod';

/** Asymmetric only: an HMAC algorithm would let anyone holding the JWKS's key material sign. */
export const JWT_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
] as const;

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);

/** http is allowed only to this machine (a sidecar or a test's identity provider). */
export function jwksUrlProblem(text: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    return 'must be an https URL';
  }
  if (parsed.protocol === 'https:') return undefined;
  if (parsed.protocol === 'http:' && LOOPBACK_HOSTS.has(parsed.hostname)) return undefined;
  return 'must be an https URL (http only to a loopback address)';
}

const jwksUrl = z
  .string()
  .trim()
  .superRefine((value, context) => {
    const problem = jwksUrlProblem(value);
    if (problem !== undefined) context.addIssue({ code: 'custom', message: problem });
  });

export interface JwtConfigValues {
  readonly issuer?: string | undefined;
  readonly jwksUrl?: string | undefined;
  readonly audience?: string | undefined;
}

function jwtProblems(jwt: JwtConfigValues): ConfigProblem[] {
  if (jwt.issuer === undefined)
    return [
      ...(jwt.jwksUrl === undefined
        ? []
        : [{ variable: 'DLQ_JWT_ISSUER', reason: 'must be set together with DLQ_JWT_JWKS_URL' }]),
      ...(jwt.audience === undefined
        ? []
        : [{ variable: 'DLQ_JWT_ISSUER', reason: 'must be set together with DLQ_JWT_AUDIENCE' }]),
    ];
  return [
    ...(jwt.jwksUrl === undefined
      ? [{ variable: 'DLQ_JWT_JWKS_URL', reason: 'must be set together with DLQ_JWT_ISSUER' }]
      : []),
    ...(jwt.audience === undefined
      ? [
          {
            variable: 'DLQ_JWT_AUDIENCE',
            reason:
              'must be set together with DLQ_JWT_ISSUER (else tokens the issuer made for other applications would be accepted)',
          },
        ]
      : []),
  ];
}

export const jwtSettings = group(
  {
    issuer: setting({
      env: 'DLQ_JWT_ISSUER',
      schema: text().optional(),
      description: 'Expected `iss` of operator JWTs; unset disables JWT sign-in.',
      secret: false,
    }),
    jwksUrl: setting({
      env: 'DLQ_JWT_JWKS_URL',
      schema: jwksUrl.optional(),
      description:
        "The issuer's JWKS URL, https (http only to a loopback address, and never in production mode); required with DLQ_JWT_ISSUER.",
      secret: false,
    }),
    audience: setting({
      env: 'DLQ_JWT_AUDIENCE',
      schema: text().optional(),
      description:
        "Expected `aud` of operator JWTs (this reviewer's client id); required with DLQ_JWT_ISSUER.",
      secret: false,
    }),
    algorithms: setting({
      env: 'DLQ_JWT_ALGORITHMS',
      schema: list(oneOf(JWT_ALGORITHMS)),
      description: `Accepted JWT signature algorithms, comma-separated (asymmetric only: ${JWT_ALGORITHMS.join(', ')}).`,
      default: 'RS256,ES256',
      secret: false,
    }),
    maxAgeMs: setting({
      env: 'DLQ_JWT_MAX_AGE',
      schema: duration(),
      description:
        'Oldest accepted JWT, counted from its `iat`; tokens without `iat` or `exp` are refused.',
      default: '1h',
      secret: false,
    }),
    rolesClaim: setting({
      env: 'DLQ_JWT_ROLES_CLAIM',
      schema: text(),
      description: 'JWT claim holding the role(s), a string or an array; viewer or operator.',
      default: 'roles',
      secret: false,
    }),
  },
  jwtProblems,
);

/**
 * Production mode (NODE_ENV=production) refuses what is tolerable only on a developer's
 * machine: a JWKS fetched over plain http.
 */
export function jwtProductionProblems(
  jwt: JwtConfigValues,
  env: Readonly<Record<string, string | undefined>> = process.env,
): ConfigProblem[] {
  if (env.NODE_ENV !== 'production' || jwt.jwksUrl === undefined) return [];
  return new URL(jwt.jwksUrl).protocol === 'https:'
    ? []
    : [
        {
          variable: 'DLQ_JWT_JWKS_URL',
          reason:
            'must be an https URL in production mode (NODE_ENV=production); http is accepted only to a loopback address outside production',
        },
      ];
}
