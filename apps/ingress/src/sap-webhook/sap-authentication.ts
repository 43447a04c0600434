/**
 * SAP Event Mesh / Advanced Event Mesh webhooks authenticate either with a bearer token
 * (OAuth client credentials or a static token in the webhook subscription) or with a client
 * certificate that an mTLS-terminating proxy verified; a system may be configured for one or both.
 * The proxy's headers are believed only when the proxy's own secret header comes with them.
 */
import type { IngressDeps } from '../app/ingress-deps';
import type { ClientCertificateCheck } from '../app/systems-setting';
import { refuse } from '../problem/ingress-error';
import { anyTokenMatches, tokensMatch } from '../webhook-common/token-match';

type Headers = Readonly<Record<string, string | string[] | undefined>>;

export function assertSapAuthenticated(
  deps: Pick<IngressDeps, 'systems' | 'policy'>,
  request: { readonly systemId: string; readonly headers: Headers },
): void {
  const { systems, policy } = deps;
  const credentials = Object.hasOwn(systems, request.systemId)
    ? systems[request.systemId]
    : undefined;
  const known = policy.systems.some((system) => system.id === request.systemId);
  if (
    credentials === undefined ||
    !known ||
    (credentials.bearerToken === undefined && credentials.clientCertificate === undefined)
  )
    throw refuse('UNKNOWN_SYSTEM', `No system "${request.systemId}" is configured for this route.`);
  if (
    credentials.bearerToken !== undefined &&
    tokensMatch(credentials.bearerToken, bearerOf(request.headers))
  )
    return;
  if (
    credentials.clientCertificate !== undefined &&
    certificateVerified(credentials.clientCertificate, request.headers)
  )
    return;
  throw refuse(
    'TOKEN_INVALID',
    credentials.bearerToken === undefined
      ? 'Missing or unverified client certificate for this system.'
      : 'Missing or wrong bearer token for this system.',
  );
}

function bearerOf(headers: Headers): string {
  const authorization = headers.authorization;
  return typeof authorization === 'string' && authorization.startsWith('Bearer ')
    ? authorization.slice(7)
    : '';
}

function certificateVerified(check: ClientCertificateCheck, headers: Headers): boolean {
  const verdict = headers[check.verifyHeader];
  const subject = headers[check.subjectHeader];
  const proxySecret = headers[check.proxySecretHeader];
  return (
    typeof proxySecret === 'string' &&
    anyTokenMatches(check.proxySecret, proxySecret) &&
    verdict === check.verifiedValue &&
    typeof subject === 'string' &&
    tokensMatch(check.subject, subject)
  );
}
