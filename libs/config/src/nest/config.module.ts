import type { DynamicModule, InjectionToken } from '@nestjs/common';
import type { EnvSource } from '../config-types';

/** The default token the loaded config is provided under: `@Inject(HUB_CONFIG)`. */
export const HUB_CONFIG = Symbol('HUB_CONFIG');

export interface ConfigModuleOptions {
  /** Another token, when an app wants more than one config object. */
  readonly token?: InjectionToken;
  /** Available to every module without importing it (default true). */
  readonly global?: boolean;
  /** The environment to read (tests); default `process.env`, read only inside `load`. */
  readonly env?: EnvSource;
}

/**
 * Nest adapter: `ConfigModule.forRoot(appConfig)` provides `appConfig.load()` under
 * `HUB_CONFIG`, loaded when the container builds, so a bad value stops bootstrap with the
 * ConfigError message. Deliberately undecorated and importing Nest only as types: Nest 12
 * is ESM-only, and a runtime import here would leak into every consumer of `@hub/config`.
 */
// eslint-disable-next-line @typescript-eslint/no-extraneous-class -- a Nest module is a class by contract; its metadata lives in the DynamicModule
export class ConfigModule {
  static forRoot(
    loader: { load(env?: EnvSource): unknown },
    options: ConfigModuleOptions = {},
  ): DynamicModule {
    const token = options.token ?? HUB_CONFIG;
    return {
      module: ConfigModule,
      global: options.global ?? true,
      providers: [{ provide: token, useFactory: () => loader.load(options.env) }],
      exports: [token],
    };
  }
}
