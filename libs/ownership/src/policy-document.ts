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

// A list is accepted only to report "two owners" clearly; one owner is the rule.
const owner = z.union([z.string(), z.array(z.string())]).optional();

/** One scope: the values of the type's scope field it covers (`'*'`: every value no other scope names). */
const scopeEntry = z.strictObject({
  values: z.union([z.literal('*'), z.array(z.string())]),
  owner,
  receivers: z.array(z.string()),
});

const entityTypeEntry = z.strictObject({
  type: z.string(),
  owner,
  // Required unless the type is scoped; checked with the rules so the message can say which form is meant.
  receivers: z.array(z.string()).optional(),
  changeRequests: z.boolean().default(false),
  /** A string field of the canonical payload (e.g. `warehouse`) whose value picks the scope. */
  scopeField: z.string().optional(),
  scopes: z.array(scopeEntry).optional(),
});

export const policyDocument = z.strictObject({
  systems: z.array(systemEntry),
  entityTypes: z.array(entityTypeEntry),
});

export type PolicyDocument = z.infer<typeof policyDocument>;
export type EntityEntry = PolicyDocument['entityTypes'][number];
export type ScopeEntry = NonNullable<EntityEntry['scopes']>[number];
