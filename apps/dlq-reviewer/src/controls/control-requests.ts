/** Request bodies of the target controls (POST /api/targets/:target/…), checked like every other body. */
import { systemIdPattern } from '@hub/contracts';
import { z } from 'zod';

const note = z.string().trim().min(1, 'the note may not be blank').max(2000);
const key = z.string().min(1).max(1000);

export const targetParam = z
  .string()
  .regex(systemIdPattern, 'must be a system id (lower-case letters, digits, dashes)');

export const controlBody = z.object({ note: note.optional() }).strict();

export const breakerBody = z
  .object({ force: z.enum(['auto', 'open', 'closed']), note: note.optional() })
  .strict();

export const replayBody = z
  .object({ entityKey: key.optional(), correlationId: key.optional(), note: note.optional() })
  .strict()
  .refine((body) => (body.entityKey === undefined) !== (body.correlationId === undefined), {
    error: 'give exactly one of entityKey and correlationId',
    path: ['entityKey'],
  });

/** OpenAPI bodies. */
export const noteOnlyDoc = {
  required: false,
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: { note: { type: 'string', description: 'why, for the audit log' } },
  },
};

export const breakerDoc = {
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['force'],
    properties: {
      force: {
        type: 'string',
        enum: ['auto', 'open', 'closed'],
        description: 'auto gives the decision back to the breakers',
      },
      note: { type: 'string' },
    },
  },
};

export const replayDoc = {
  schema: {
    type: 'object',
    additionalProperties: false,
    description: 'exactly one of entityKey and correlationId',
    properties: {
      entityKey: { type: 'string' },
      correlationId: { type: 'string' },
      note: { type: 'string' },
    },
  },
};
