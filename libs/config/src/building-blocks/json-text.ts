import { z } from 'zod';

/**
 * A setting whose value is a JSON document checked by `schema`; malformed JSON (named by
 * `expected`, e.g. `an object of target → schedule`) and each schema issue (prefixed by its
 * path) are configuration problems like any other.
 */
export function jsonText<T>(schema: z.ZodType<T>, expected: string): z.ZodType<T, string> {
  return z.string().transform((text, context): T => {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      context.addIssue({ code: 'custom', message: `must be JSON: ${expected}` });
      return z.NEVER;
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        context.addIssue({ code: 'custom', message: `${issue.path.join('.')}: ${issue.message}` });
      return z.NEVER;
    }
    return parsed.data;
  });
}
