/**
 * SAP Event Mesh / Advanced Event Mesh webhooks authenticate either with a bearer token
 * (OAuth client credentials or a static token in the webhook subscription) or with a client
 * certificate that an mTLS-terminating proxy verified; a system may be configured for one or both.
 * The proxy's headers are believed only when the proxy's own secret header comes with them.
 */
import type { IngressDeps } from '../app/ingress-deps';
import type { ClientCertificateCheck } from '../app/systems-setting';
import { refuse } from '../problem/ingress-error';
import {
  authenticate,
  declaredCredentials,
  secretsOrStandIns,
} from '../webhook-common/known-system';
import { anyTokenMatches, tokensMatch } from '../webhook-common/token-match';

type Headers = Readonly<Record<string, string | string[] | undefined>>;

export function assertSapAuthenticated(
  deps: Pick<IngressDeps, 'systems' | 'policy'>,
  request: { readonly systemId: string; readonly headers: Headers },
): void {
  const credentials = declaredCredentials(deps.systems, deps.policy, request.systemId);
  const bearerToken = credentials?.bearerToken;
  const certificate = credentials?.clientCertificate;
  const system = {
    configured: bearerToken !== undefined || certificate !== undefined,
    // Compared even when the system has none, so every failure takes about the same time.
    secrets: secretsOrStandIns(bearerToken, 'bearerToken'),
  };
  authenticate(
    system,
    // One detail for every configuration: which credential a system takes is not the caller's business.
    () => refuse('TOKEN_INVALID', 'Missing or wrong bearer token or client certificate.'),
    (secrets) => {
      const bearerMatches =
        anyTokenMatches(secrets, bearerOf(request.headers)) && bearerToken !== undefined;
      return (
        bearerMatches ||
        (certificate !== undefined && certificateVerified(certificate, request.headers))
      );
    },
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
