/** RETRY_TARGETS: the targets whose retry topics this scheduler owns, each with optional overrides. */
import { isSystemId } from '@hub/contracts';
import { z } from 'zod';

const targetSchema = z
  .object({
    id: z.string().refine(isSystemId, 'must match [a-z0-9-]+ (a system id)'),
    schedule: z.string().min(1).optional(),
    maxAge: z.string().min(1).optional(),
    drainRate: z.number().positive().optional(),
  })
  .strict();

export const targetsSchema = z
  .object({ targets: z.array(targetSchema) })
  .strict()
  .refine(
    ({ targets }) => new Set(targets.map((target) => target.id)).size === targets.length,
    'target ids must be unique',
  );

export type TargetsSetting = z.infer<typeof targetsSchema>;
export type TargetOverride = TargetsSetting['targets'][number];
