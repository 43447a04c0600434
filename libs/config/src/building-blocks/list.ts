import { z } from 'zod';

/**
 * A comma-separated list: items trimmed, empty items dropped, each item parsed by `item`
 * (so `list(duration())` gives `number[]`). At least `min` items (default 1).
 */
export function list<T extends z.ZodType<unknown, string>>(
  item: T,
  options: { readonly min?: number } = {},
): z.ZodPipe<z.ZodPipe<z.ZodString, z.ZodTransform<string[], string>>, z.ZodArray<T>> {
  const min = options.min ?? 1;
  return z
    .string()
    .transform((text) =>
      text
        .split(',')
        .map((part) => part.trim())
        .filter((part) => part.length > 0),
    )
    .pipe(
      z
        .array(item)
        .min(min, `must list at least ${min} comma-separated item${min === 1 ? '' : 's'}`),
    );
}
