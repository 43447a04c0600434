import { parseDuration } from '@hub/primitives';
import { z } from 'zod';

/** A duration setting (string → milliseconds). Chain `.pipe(z.number().min(…))` for bounds. */
export function duration(): z.ZodPipe<z.ZodString, z.ZodTransform<number, string>> {
  return z.string().transform((text, ctx) => {
    const ms = parseDuration(text);
    if (ms === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: 'must be a duration such as 500ms, 30s, 2m, 1h or 1d',
      });
      return z.NEVER;
    }
    return ms;
  });
}
