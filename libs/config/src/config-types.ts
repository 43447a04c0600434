import type { z } from 'zod';
import type { ConfigProblem } from './config-error';

/** One environment variable: declared once, documented from this declaration. */
export interface Setting<S extends z.ZodType = z.ZodType> {
  readonly kind: 'setting';
  /** The environment variable, e.g. `KAFKA_BROKERS`. */
  readonly env: string;
  /** Parses the raw string; coercion lives here. Optional iff it accepts `undefined`. */
  readonly schema: S;
  readonly description: string;
  /** The default in its environment form (a string, as an operator would write it). */
  readonly default?: string;
  /** A secret's value is never printed: not in errors, not in `redact`, not in docs. */
  readonly secret: boolean;
}

/** Settings that belong together, with an optional cross-setting check. */
export interface SettingGroup<D extends ConfigShape = ConfigShape> {
  readonly kind: 'group';
  readonly shape: D;
  /** Runs only when every setting of the group parsed; names the variables at fault. */
  check?(value: ConfigValue<D>): readonly ConfigProblem[];
}

export interface ConfigShape {
  readonly [key: string]: ConfigNode;
}

export type ConfigNode = Setting | SettingGroup | ConfigShape;

/** Readonly all the way down, as `Object.freeze` makes it at runtime. */
export type Frozen<T> = T extends (...args: never[]) => unknown
  ? T
  : T extends readonly (infer U)[]
    ? readonly Frozen<U>[]
    : T extends object
      ? { readonly [K in keyof T]: Frozen<T[K]> }
      : T;

type NodeValue<N> =
  N extends Setting<infer S>
    ? Frozen<z.output<S>>
    : N extends SettingGroup<infer G>
      ? ConfigValue<G>
      : N extends ConfigShape
        ? ConfigValue<N>
        : never;

/** The typed, loaded value of a shape. */
export type ConfigValue<D extends ConfigShape> = { readonly [K in keyof D]: NodeValue<D[K]> };

/** The environment to read: `process.env` in production, a literal object in tests. */
export type EnvSource = Readonly<Record<string, string | undefined>>;

export function isSetting(node: ConfigNode): node is Setting {
  return node.kind === 'setting' && 'schema' in node;
}

export function isGroup(node: ConfigNode): node is SettingGroup {
  return node.kind === 'group' && 'shape' in node;
}
