/**
 * The shape of a policy file. Deliberately loose where the meaning is checked later
 * (kinds, types and owners are plain strings here) so that one load reports every
 * problem with a message that says what is wrong, not only that a string was expected.
 */
import { z } from 'zod';

// The same rule as @hub/contracts' systemIdPattern: safe in topic names, labels and URLs.
const SYSTEM_ID = /^[a-z0-9-]{1,200}$/;

const systemEntry = z.strictObject({
  id: z
    .string()
    .regex(
      SYSTEM_ID,
      'system id must be 1-200 lower-case letters, digits and dashes (it appears in topic names)',
    ),
  kind: z.string(),
});

const entityTypeEntry = z.strictObject({
  type: z.string(),
  // A list is accepted only to report "two owners" clearly; one owner is the rule.
  owner: z.union([z.string(), z.array(z.string())]).optional(),
  receivers: z.array(z.string()),
  changeRequests: z.boolean().default(false),
});

export const policyDocument = z.strictObject({
  systems: z.array(systemEntry),
  entityTypes: z.array(entityTypeEntry),
});

export type PolicyDocument = z.infer<typeof policyDocument>;
