import { ConfigError } from './config-error';
import type { ConfigProblem } from './config-error';
import type {
  ConfigNode,
  ConfigShape,
  ConfigValue,
  EnvSource,
  Frozen,
  Setting,
} from './config-types';
import { isGroup, isSetting } from './config-types';
import { deepFreeze } from './deep-freeze';
import { readSetting } from './read-setting';

/** A setting with where it sits in the loaded object, e.g. `['kafka', 'brokers']`. */
export interface SettingEntry {
  readonly path: readonly string[];
  readonly setting: Setting;
}

export interface ConfigDefinition<D extends ConfigShape> {
  readonly shape: D;
  /** Every setting in declaration order (what the reference table lists). */
  readonly settings: readonly SettingEntry[];
  /**
   * Reads and validates the environment. `process.env` is read here and nowhere else in
   * the repository: everything else receives typed values. Throws `ConfigError`
   * (CONFIG_INVALID) listing every problem, not just the first.
   */
  load(env?: EnvSource): Frozen<ConfigValue<D>>;
  /** The loaded config with secrets replaced by `[secret]`: safe to log at start-up. */
  redact(config: ConfigValue<D>): Readonly<Record<string, unknown>>;
}

/** The loaded type of a definition: `type AppConfig = ConfigOf<typeof appConfig>`. */
export type ConfigOf<T extends { load(env?: EnvSource): unknown }> = ReturnType<T['load']>;

export function defineConfig<D extends ConfigShape>(shape: D): ConfigDefinition<D> {
  const settings = collectSettings(shape, []);
  assertUniqueVariables(settings);
  return Object.freeze({
    shape,
    settings,
    load(env: EnvSource = process.env): Frozen<ConfigValue<D>> {
      const problems: ConfigProblem[] = [];
      const value = loadShape(shape, env, problems);
      if (problems.length > 0) throw new ConfigError('CONFIG_INVALID', problems);
      // loadShape builds exactly the keys and parsed values ConfigValue<D> describes.
      return deepFreeze(value) as Frozen<ConfigValue<D>>;
    },
    redact(config: ConfigValue<D>): Readonly<Record<string, unknown>> {
      return redactShape(shape, config);
    },
  });
}

function children(node: ConfigNode): ConfigShape | undefined {
  if (isSetting(node)) return undefined;
  return isGroup(node) ? node.shape : node;
}

function collectSettings(shape: ConfigShape, path: readonly string[]): SettingEntry[] {
  return Object.entries(shape).flatMap(([key, node]) => {
    const inner = children(node);
    if (inner === undefined && isSetting(node)) return [{ path: [...path, key], setting: node }];
    return inner === undefined ? [] : collectSettings(inner, [...path, key]);
  });
}

function assertUniqueVariables(settings: readonly SettingEntry[]): void {
  const seen = new Map<string, string>();
  const problems: ConfigProblem[] = [];
  for (const { path, setting } of settings) {
    const where = path.join('.');
    const earlier = seen.get(setting.env);
    if (earlier === undefined) seen.set(setting.env, where);
    else
      problems.push({ variable: setting.env, reason: `declared twice (${earlier} and ${where})` });
  }
  if (problems.length > 0) throw new ConfigError('CONFIG_DEFINITION_INVALID', problems);
}

function loadShape(
  shape: ConfigShape,
  env: EnvSource,
  problems: ConfigProblem[],
): Record<string, unknown> {
  const value: Record<string, unknown> = {};
  for (const [key, node] of Object.entries(shape)) {
    if (isSetting(node)) {
      const result = readSetting(node, env);
      if (result.ok) value[key] = result.value;
      else problems.push(result.problem);
      continue;
    }
    const before = problems.length;
    const inner = loadShape(isGroup(node) ? node.shape : node, env, problems);
    value[key] = inner;
    if (isGroup(node) && node.check !== undefined && problems.length === before) {
      // Every setting of the group parsed, so `inner` has the group's typed shape.
      problems.push(...node.check(inner));
    }
  }
  return value;
}

function redactShape(shape: ConfigShape, config: unknown): Readonly<Record<string, unknown>> {
  const source = (typeof config === 'object' && config !== null ? config : {}) as Readonly<
    Record<string, unknown>
  >;
  const result: Record<string, unknown> = {};
  for (const [key, node] of Object.entries(shape)) {
    const value = source[key];
    const inner = children(node);
    if (inner !== undefined) result[key] = redactShape(inner, value);
    else if (isSetting(node)) result[key] = node.secret && value !== undefined ? '[secret]' : value;
  }
  return Object.freeze(result);
}
