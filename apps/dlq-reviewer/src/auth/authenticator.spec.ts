import { Authenticator } from './authenticator';

describe('Authenticator with static API tokens (no JWKS configured)', () => {
  const authenticator = new Authenticator(
    [
      { name: 'ci', token: 'ci-token-0123456789abcdef0123', role: 'operator' },
      { name: 'board', token: 'board-token-0123456789abcdef01', role: 'viewer' },
    ],
    { rolesClaim: 'roles' },
  );

  it('names the token and its role', async () => {
    expect(await authenticator.authenticate('board-token-0123456789abcdef01')).toEqual({
      name: 'board',
      id: 'api-token:board',
      role: 'viewer',
      via: 'api-token',
    });
  });

  it.each(['ci-token-0123456789abcdef012', 'ci-token-0123456789abcdef01234', '', 'a.b.c'])(
    'refuses %j',
    async (token) => {
      expect(await authenticator.authenticate(token)).toBeUndefined();
    },
  );
});
