// The public API must not load Nest at runtime: Nest 12 is ESM-only, and importing it
// from this barrel would break every consumer whose tests run under CommonJS jest.
jest.mock('@nestjs/common', () => {
  throw new Error('@hub/config loaded @nestjs/common at runtime');
});
jest.mock('@nestjs/core', () => {
  throw new Error('@hub/config loaded @nestjs/core at runtime');
});

import * as api from './index';

describe('@hub/config public API', () => {
  it('loads without Nest', () => {
    expect(api.defineConfig({ kafka: api.kafkaSettings }).load({}).kafka.brokers).toEqual([
      '127.0.0.1:9092',
    ]);
  });
});
