/** Who may use the reviewer: JWT issuers/JWKS and static API tokens, each with a role. */
import { jsonText } from '@hub/config';
import { z } from 'zod';

export const roles = ['viewer', 'operator'] as const;
export type Role = (typeof roles)[number];

const apiToken = z
  .object({
    /** Shown in the audit log as the actor. */
    name: z.string().regex(/^[A-Za-z0-9._@-]{1,100}$/, 'name must be [A-Za-z0-9._@-], at most 100'),
    token: z.string().min(24, 'token must be at least 24 characters'),
    role: z.enum(roles),
  })
  .strict();

export type ApiToken = z.infer<typeof apiToken>;

export const apiTokensSchema = jsonText(
  z.array(apiToken),
  '[{"name": "…", "token": "…", "role": "viewer|operator"}]',
);

const webhook = z
  .object({
    url: z.url({ protocol: /^https?$/ }),
    format: z.enum(['slack', 'json']),
  })
  .strict();

export type WebhookTarget = z.infer<typeof webhook>;

export const webhooksSchema = jsonText(
  z.array(webhook),
  '[{"url": "https://…", "format": "slack|json"}]',
);
