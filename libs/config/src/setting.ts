import type { z } from 'zod';
import { ConfigError } from './config-error';
import type { ConfigProblem } from './config-error';
import type { ConfigShape, ConfigValue, Setting, SettingGroup } from './config-types';
import { isSetting } from './config-types';
import { describeIssues } from './describe-issues';

const ENV_NAME = /^[A-Z][A-Z0-9_]*$/;

/**
 * Declares one setting. Checks the declaration at once (name format, default accepted by
 * its own schema), so a broken default fails the first test that imports it.
 */
export function setting<S extends z.ZodType>(spec: Omit<Setting<S>, 'kind'>): Setting<S> {
  const problems: ConfigProblem[] = [];
  if (!ENV_NAME.test(spec.env)) {
    problems.push({
      variable: spec.env,
      reason: 'is not an environment variable name (A-Z, 0-9, _)',
    });
  }
  if (spec.default !== undefined) {
    const parsed = spec.schema.safeParse(spec.default);
    if (!parsed.success) {
      problems.push({
        variable: spec.env,
        reason: `default "${spec.default}" is invalid: ${describeIssues(parsed.error.issues)}`,
      });
    }
  }
  if (problems.length > 0) throw new ConfigError('CONFIG_DEFINITION_INVALID', problems);
  return Object.freeze({ kind: 'setting', ...spec });
}

/** Groups settings; `check` validates combinations (e.g. a SASL mechanism needs a password). */
export function group<D extends ConfigShape>(
  shape: D,
  check?: (value: ConfigValue<D>) => readonly ConfigProblem[],
): SettingGroup<D> {
  return Object.freeze(
    check === undefined ? { kind: 'group', shape } : { kind: 'group', shape, check },
  );
}

/** The same setting with another default, e.g. an app's own `KAFKA_CLIENT_ID`. */
export function withDefault<S extends z.ZodType>(base: Setting<S>, value: string): Setting<S> {
  const { kind: _kind, ...spec } = base;
  return setting({ ...spec, default: value });
}

type SettingKeys<D extends ConfigShape> = {
  [K in keyof D]: D[K] extends Setting ? K : never;
}[keyof D];

/** The same group with some defaults replaced, keyed by the group's property names. */
export function withDefaults<D extends ConfigShape>(
  base: SettingGroup<D>,
  defaults: { readonly [K in SettingKeys<D>]?: string },
): SettingGroup<D> {
  const overrides: Readonly<Record<string, string | undefined>> = defaults;
  const entries = Object.entries(base.shape).map(([key, node]) => {
    const value = overrides[key];
    return [key, isSetting(node) && value !== undefined ? withDefault(node, value) : node] as const;
  });
  // Same keys, same node kinds: only defaults changed, so the shape keeps its type.
  const shape = Object.freeze(Object.fromEntries(entries)) as D;
  return base.check === undefined ? group(shape) : group(shape, base.check.bind(base));
}
