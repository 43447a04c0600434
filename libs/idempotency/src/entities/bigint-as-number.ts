import type { ValueTransformer } from 'typeorm';

/**
 * node-postgres returns int8 as a string; source versions are epoch milliseconds, well
 * inside Number.MAX_SAFE_INTEGER, so they are read back as numbers.
 */
export const bigintAsNumber: ValueTransformer = {
  to: (value: number | null) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
