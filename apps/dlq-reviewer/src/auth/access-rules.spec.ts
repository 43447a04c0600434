import { bearerToken, cookieValue, isConsolePath, requiredRole } from './access-rules';
import { roleOf } from './authenticator';
import { roleAllows } from './principal';

describe('access rules', () => {
  it.each([
    ['GET', '/healthz', 'public'],
    ['GET', '/metrics', 'public'],
    ['POST', '/signin', 'public'],
    ['GET', '/api/dead-letters', 'viewer'],
    ['GET', '/docs', 'viewer'],
    ['POST', '/signout', 'viewer'],
    ['POST', '/api/dead-letters/1/retry', 'operator'],
    ['POST', '/items/1/discard', 'operator'],
    ['DELETE', '/api/dead-letters/1', 'operator'],
  ])('%s %s needs %s', (method, path, role) => {
    expect(requiredRole(method, path)).toBe(role);
  });

  it('tells console pages from the API and docs', () => {
    expect([
      isConsolePath('/'),
      isConsolePath('/items/3'),
      isConsolePath('/api/audit'),
      isConsolePath('/docs-json'),
    ]).toEqual([true, true, false, false]);
  });

  it('reads bearer tokens and cookies', () => {
    expect([bearerToken('Bearer abc'), bearerToken('Basic abc'), bearerToken(undefined)]).toEqual([
      'abc',
      undefined,
      undefined,
    ]);
    expect(cookieValue('a=1; dlq_session=t%3Dx; b=2', 'dlq_session')).toBe('t=x');
    expect(cookieValue('dlq_session=%E0%A4%A', 'dlq_session')).toBeUndefined();
  });

  it('takes the strongest reviewer role from a claim', () => {
    expect([
      roleOf(['viewer', 'operator']),
      roleOf('viewer'),
      roleOf(['admin']),
      roleOf(undefined),
    ]).toEqual(['operator', 'viewer', null, null]);
  });

  it('lets operators do what viewers do, and nobody without a role', () => {
    expect([
      roleAllows('operator', 'viewer'),
      roleAllows('viewer', 'operator'),
      roleAllows(null, 'viewer'),
    ]).toEqual([true, false, false]);
  });
});
