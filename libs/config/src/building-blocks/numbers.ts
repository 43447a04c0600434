import { z } from 'zod';

const WHOLE_NUMBER = /^-?\d+$/;

/** A whole number within [min, max], written in decimal. */
export function integer(
  options: { readonly min?: number; readonly max?: number } = {},
): z.ZodType<number, string> {
  const min = options.min ?? Number.MIN_SAFE_INTEGER;
  const max = options.max ?? Number.MAX_SAFE_INTEGER;
  return z
    .string()
    .trim()
    .regex(WHOLE_NUMBER, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));
}

/** A TCP port, 1–65535. */
export function port(): z.ZodType<number, string> {
  return z
    .string()
    .trim()
    .regex(/^\d+$/, 'must be a port number (1-65535)')
    .transform(Number)
    .pipe(
      z
        .number()
        .min(1, 'must be a port number (1-65535)')
        .max(65_535, 'must be a port number (1-65535)'),
    );
}
