import type { ConfigProblem } from './config-error';
import type { EnvSource, Setting } from './config-types';
import { describeIssues } from './describe-issues';

export type SettingResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly problem: ConfigProblem };

const SECRET_MASK = '[secret]';

/**
 * Reads one variable. An empty or blank value counts as unset (compose files and
 * ConfigMaps often carry `FOO=`), so the default applies. A secret's raw value never
 * reaches the reason, even if a schema's own message were to quote it.
 */
export function readSetting(setting: Setting, env: EnvSource): SettingResult {
  const given = env[setting.env];
  const raw = given === undefined || given.trim() === '' ? setting.default : given;
  if (raw === undefined) {
    const parsed = setting.schema.safeParse(undefined);
    if (parsed.success) return { ok: true, value: parsed.data };
    return { ok: false, problem: { variable: setting.env, reason: 'is required but not set' } };
  }
  const parsed = setting.schema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  const reason = describeIssues(parsed.error.issues);
  return {
    ok: false,
    problem: {
      variable: setting.env,
      reason: setting.secret
        ? `${mask(reason, raw)} (value hidden: secret)`
        : `${reason} (got "${raw}")`,
    },
  };
}

function mask(text: string, secret: string): string {
  return secret.length === 0 ? text : text.split(secret).join(SECRET_MASK);
}
