/** A setting whose value is a JSON document checked by a zod schema; a malformed document is a config problem. */
import { z } from 'zod';

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
