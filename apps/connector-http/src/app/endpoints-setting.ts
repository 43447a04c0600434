/**
 * HTTP_CONNECTOR_ENDPOINTS: where events go, one JSON object keyed by endpoint id. Secret,
 * since it carries each endpoint's signing secret (and URLs may carry credentials).
 */
import { entityTypes, type EntityType } from '@hub/contracts';
import { requireDuration } from '@hub/resilience';
import { z } from 'zod';

/** Standard Webhooks' recommended sender timeout is 15–30 s (docs/erp-protocols.md §5.2). */
export const DEFAULT_ENDPOINT_TIMEOUT = '15s';

export interface EndpointConfig {
  readonly id: string;
  readonly url: string;
  /**
   * `whsec_<base64>` (the HMAC key is the decoded part): one, or two while the receiver
   * rotates, new first. With two, every delivery carries a signature per secret.
   */
  readonly secrets: readonly string[];
  readonly timeoutMs: number;
  readonly entityTypes: readonly EntityType[];
  /** Whether change requests to the system (hub.change-request.v1) go here. */
  readonly changeRequests?: boolean;
}

/**
 * Where change requests go: the endpoints marked `changeRequests`, or, when none is, every
 * endpoint of the system (its owner's endpoint), in endpoint-id order.
 */
export function changeRequestEndpoints(
  endpoints: readonly EndpointConfig[],
): readonly EndpointConfig[] {
  const marked = endpoints.filter((endpoint) => endpoint.changeRequests === true);
  return marked.length > 0 ? marked : endpoints;
}

const duration = z.string().transform((text, context): number => {
  try {
    return requireDuration(text);
  } catch {
    context.addIssue({ code: 'custom', message: 'must be a duration such as 500ms, 10s or 1m' });
    return z.NEVER;
  }
});

const signingSecret = z
  .string()
  .regex(/^whsec_[A-Za-z0-9+/]{32,88}={0,2}$/, 'secret must be whsec_ + base64 of 24–64 bytes');

const endpoint = z
  .object({
    url: z.url({ protocol: /^https?$/ }),
    // Normalised to a list first, so a bad value gets its own message, not "Invalid input".
    secret: z.preprocess(
      (value) => (typeof value === 'string' ? [value] : value),
      z
        .array(signingSecret, 'secret must be a string or a list of two strings')
        .min(1, 'secret must name one or two secrets')
        .max(2, 'secret takes at most two secrets (the new and the old while rotating)'),
    ),
    timeout: duration.optional(),
    entityTypes: z.array(z.enum(entityTypes)),
    changeRequests: z.boolean().optional(),
  })
  .strict()
  .refine(
    (value) =>
      !Array.isArray(value.entityTypes) ||
      value.entityTypes.length > 0 ||
      value.changeRequests === true,
    {
      error: 'entityTypes must name at least one type (or changeRequests be true)',
      path: ['entityTypes'],
      // Checked also when other fields failed, so every problem is named at once.
      when: () => true,
    },
  );

const ENDPOINT_ID = /^[a-z0-9-]{1,100}$/;

const endpointsRecord = z.record(z.string(), endpoint);

export const endpointsSchema = z.string().transform((text, context): readonly EndpointConfig[] => {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    context.addIssue({
      code: 'custom',
      message: 'must be a JSON object of endpoint id → endpoint',
    });
    return z.NEVER;
  }
  // Ids are checked apart: zod reports nothing about the values of a record whose key fails.
  const badIds =
    typeof json === 'object' && json !== null
      ? Object.keys(json).filter((id) => !ENDPOINT_ID.test(id))
      : [];
  for (const id of badIds)
    context.addIssue({ code: 'custom', message: `${id}: endpoint ids are [a-z0-9-], at most 100` });
  const parsed = endpointsRecord.safeParse(json);
  if (!parsed.success || badIds.length > 0) {
    for (const issue of parsed.error?.issues ?? [])
      context.addIssue({ code: 'custom', message: `${issue.path.join('.')}: ${issue.message}` });
    return z.NEVER;
  }
  // Sorted by id: delivery order to several endpoints of one type is stable across retries.
  return Object.entries(parsed.data)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([id, value]) => ({
      id,
      url: value.url,
      secrets: value.secret,
      timeoutMs: value.timeout ?? requireDuration(DEFAULT_ENDPOINT_TIMEOUT),
      entityTypes: [...new Set(value.entityTypes)],
      changeRequests: value.changeRequests ?? false,
    }));
});
