// The public API must not load Nest at runtime: Nest 12 is ESM-only, and importing it
// from this barrel would break every consumer whose tests run under CommonJS jest.
jest.mock('@nestjs/common', () => {
  throw new Error('@hub/observability loaded @nestjs/common at runtime');
});
jest.mock('@nestjs/core', () => {
  throw new Error('@hub/observability loaded @nestjs/core at runtime');
});

import * as api from './index';

describe('@hub/observability public API', () => {
  it('loads without Nest', () => {
    expect(
      api.createProbeHandlers({ health: new api.HealthRegistry(), registry: api.createRegistry() }),
    ).toHaveProperty('readyz');
  });
});
