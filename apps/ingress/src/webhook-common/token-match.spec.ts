import { tokensMatch } from './token-match';

describe('tokensMatch', () => {
  it('matches the same token', () => {
    expect(tokensMatch('odoo-url-token-0123456789abcdef', 'odoo-url-token-0123456789abcdef')).toBe(
      true,
    );
  });

  it.each([
    ['a different token of the same length', 'odoo-url-token-0123456789abcdeX'],
    ['a prefix', 'odoo-url-token'],
    ['a longer token', 'odoo-url-token-0123456789abcdef0'],
    ['an empty token', ''],
  ])('refuses %s', (_label, presented) => {
    expect(tokensMatch('odoo-url-token-0123456789abcdef', presented)).toBe(false);
  });
});
