/** Which role a route needs. Only the probes and the sign-in page are public. */
import type { Role } from '../app/access-settings';

const PUBLIC_PATHS: readonly string[] = ['/healthz', '/readyz', '/metrics', '/signin'];

export function requiredRole(method: string, path: string): Role | 'public' {
  if (PUBLIC_PATHS.includes(path)) return 'public';
  if (method === 'GET' || method === 'HEAD' || path === '/signout') return 'viewer';
  return 'operator';
}

/** Console pages answer a missing sign-in with a redirect; the API and docs with 401. */
export function isConsolePath(path: string): boolean {
  return !path.startsWith('/api/') && path !== '/api' && !path.startsWith('/docs');
}

export const SESSION_COOKIE = 'dlq_session';

export function bearerToken(authorization: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return match?.[1];
}

export function cookieValue(cookieHeader: string | undefined, name: string): string | undefined {
  for (const part of (cookieHeader ?? '').split(';')) {
    const separator = part.indexOf('=');
    if (separator < 0 || part.slice(0, separator).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(separator + 1).trim());
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/**
 * The session cookie authenticates console pages and the read-only docs only; the JSON API
 * takes bearer tokens alone, so no other site can make a browser call it with the cookie.
 */
export function cookieAccepted(method: string, path: string): boolean {
  if (isConsolePath(path)) return true;
  return path.startsWith('/docs') && (method === 'GET' || method === 'HEAD');
}

export function isStateChanging(method: string): boolean {
  return !['GET', 'HEAD', 'OPTIONS'].includes(method);
}

type Headers = Readonly<Record<string, string | string[] | undefined>>;

/**
 * CSRF defence for console forms (sign-in included, against login CSRF): the browser's
 * Origin must name this host. The console's no-referrer policy makes Chromium send
 * `Origin: null` on its own forms, so without a real Origin, Fetch Metadata must say
 * same-origin (a cross-site form says cross-site).
 */
export function sameOrigin(headers: Headers): boolean {
  const { origin, host } = headers;
  if (typeof origin === 'string' && origin !== 'null') {
    if (typeof host !== 'string') return false;
    try {
      return new URL(origin).host === host.toLowerCase();
    } catch {
      return false;
    }
  }
  return headers['sec-fetch-site'] === 'same-origin';
}
