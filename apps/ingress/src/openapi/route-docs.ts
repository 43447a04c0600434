/** OpenAPI documentation of each webhook route, applied on its controller method. */
import { applyDecorators } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiHeader,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import {
  acceptedSchema,
  bcNotificationsSchema,
  bcOutcomeSchema,
  cloudEventSchema,
  echoIgnoredSchema,
  foBusinessEventSchema,
  odooNotificationSchema,
  sapRefusedSchema,
  wmsDeliverySchema,
} from './openapi-schemas';
import { ApiProblems } from './problem-responses';

const systemId = ApiParam({
  name: 'systemId',
  description:
    "The sending system, as declared in INGRESS_SYSTEMS and the ownership policy. An id not configured for the route gets the same answer as a wrong credential (the route's 401; Business Central: the 202 that accepted nothing), so configured ids cannot be probed.",
  schema: { type: 'string', pattern: '^[a-z0-9-]{1,200}$' },
});

const accepted = (description: string): MethodDecorator & ClassDecorator =>
  ApiResponse({
    status: 202,
    description,
    content: { 'application/json': { schema: acceptedSchema } },
  });

/** Routes whose notifications name their last writer (INGRESS_SYSTEMS hubWriterUsers). */
const echoIgnored = (writer: string): MethodDecorator & ClassDecorator =>
  ApiResponse({
    status: 200,
    description: `A notification the ownership policy refuses whose ${writer} is one of the system's hubWriterUsers: the echo of the hub's own write, ignored (no change request, not recorded as a reverse-direction write; counted in hub_ingress_echoes_total).`,
    content: { 'application/json': { schema: echoIgnoredSchema } },
  });

/** Problems every route can answer with, whatever its checks. */
const common = ['BODY_TOO_LARGE', 'TOO_MANY_FAILURES', 'KAFKA_UNAVAILABLE'] as const;

export function WmsWebhookDocs(): MethodDecorator {
  return applyDecorators(
    ApiTags('webhooks'),
    ApiOperation({
      summary: 'WMS delivery (Standard Webhooks) with a full canonical entity',
      description:
        'Verified (HMAC-SHA256 over `id.timestamp.body`, whsec_ secret, 5 minutes tolerance), validated against the contract, checked against the ownership policy, published to the canonical topic keyed by entity key; answered after Kafka acknowledged.',
    }),
    systemId,
    ApiHeader({ name: 'webhook-id', required: true, description: 'Unique message id.' }),
    ApiHeader({ name: 'webhook-timestamp', required: true, description: 'Unix seconds.' }),
    ApiHeader({
      name: 'webhook-signature',
      required: true,
      description: 'Space-separated `v1,<base64 HMAC-SHA256>` signatures.',
    }),
    ApiConsumes('application/json'),
    ApiBody({ schema: wmsDeliverySchema }),
    accepted('Published and acknowledged by Kafka.'),
    ApiProblems(
      ...common,
      'INVALID_PAYLOAD',
      'SIGNATURE_INVALID',
      'TIMESTAMP_OUT_OF_TOLERANCE',
      'REVERSE_DIRECTION_WRITE',
      'OUT_OF_SCOPE',
      'UNSUPPORTED_MEDIA_TYPE',
      'STORE_UNAVAILABLE',
    ),
  );
}

export function OdooWebhookDocs(): MethodDecorator {
  return applyDecorators(
    ApiTags('webhooks'),
    ApiOperation({
      summary: 'Odoo "Send Webhook Notification" → hub.source-notification.v1',
      description:
        'Odoo signs nothing, so the URL carries a per-system token (constant-time compare). Odoo waits 1 s and never retries.',
    }),
    systemId,
    ApiParam({ name: 'token', description: 'The per-system URL token (≥ 16 characters).' }),
    ApiQuery({
      name: 'kind',
      required: false,
      description: 'Change kind set on the automation rule; default `updated`.',
      schema: { type: 'string', enum: ['created', 'updated', 'deleted'] },
    }),
    ApiConsumes('application/json'),
    ApiBody({ schema: odooNotificationSchema }),
    accepted('Published and acknowledged by Kafka.'),
    echoIgnored('last writer (`write_uid`)'),
    ApiProblems(
      ...common,
      'INVALID_PAYLOAD',
      'TOKEN_INVALID',
      'REVERSE_DIRECTION_WRITE',
      'UNSUPPORTED_MEDIA_TYPE',
      'STORE_UNAVAILABLE',
    ),
  );
}

export function BusinessCentralWebhookDocs(): MethodDecorator {
  return applyDecorators(
    ApiTags('webhooks'),
    ApiOperation({
      summary: 'Business Central handshake and notifications → hub.source-notification.v1',
      description:
        'With `?validationToken=` (on any method) the token is echoed as text/plain 200, for any system id. Otherwise each notification is judged alone (clientState, resource, ownership); rejected ones are recorded and counted and the answer is still 202, because BC deletes a subscription on any other 4xx; an unknown system id gets the same 202 with every item rejected. Only a hub-side transient failure answers 503.',
    }),
    systemId,
    ApiQuery({
      name: 'validationToken',
      required: false,
      description: 'Subscription handshake: echoed back as text/plain.',
    }),
    ApiConsumes('application/json'),
    ApiBody({ schema: bcNotificationsSchema, required: false }),
    ApiResponse({
      status: 200,
      description: 'Handshake: the validationToken, as is.',
      content: { 'text/plain': { schema: { type: 'string' } } },
    }),
    ApiResponse({
      status: 202,
      description: 'Notifications judged; accepted ones published and acknowledged.',
      content: { 'application/json': { schema: bcOutcomeSchema } },
    }),
    ApiProblems(...common, 'STORE_UNAVAILABLE'),
  );
}

export function SapWebhookDocs(): MethodDecorator {
  return applyDecorators(
    ApiTags('webhooks'),
    ApiOperation({
      summary: 'SAP business event (CloudEvents 1.0) → hub.source-notification.v1',
      description:
        'Structured (application/cloudevents+json) or binary mode (ce-* headers). Authenticated by a per-system bearer token (one, or two while rotating) or a client certificate verified by the mTLS proxy. The same source+id again keeps its correlation id.',
    }),
    systemId,
    ApiHeader({ name: 'authorization', required: true, description: '`Bearer <bearerToken>`.' }),
    ApiHeader({
      name: 'ce-id',
      required: false,
      description: 'Binary mode only (with ce-source, ce-type, ce-specversion, ce-time).',
    }),
    ApiConsumes('application/cloudevents+json', 'application/json'),
    ApiBody({ schema: cloudEventSchema }),
    ApiResponse({
      status: 202,
      description:
        'Published and acknowledged by Kafka, or (`status: refused`) a reverse-direction event recorded, counted and forwarded as a change request where the policy says so.',
      content: { 'application/json': { schema: { oneOf: [acceptedSchema, sapRefusedSchema] } } },
    }),
    ApiProblems(...common, 'INVALID_PAYLOAD', 'TOKEN_INVALID', 'STORE_UNAVAILABLE'),
  );
}

export function DynamicsFinanceWebhookDocs(): MethodDecorator {
  return applyDecorators(
    ApiTags('webhooks'),
    ApiOperation({
      summary: 'F&O business event ("Purchase order confirmed") → hub.source-notification.v1',
      description:
        'F&O sends business events to an HTTPS endpoint unsigned, so the URL carries a per-system token (constant-time compare). A resent event keeps its ControlNumber and its correlation id; the F&O connector drops a duplicate or older ControlNumber per order.',
    }),
    systemId,
    ApiParam({ name: 'token', description: 'The per-system URL token (≥ 16 characters).' }),
    ApiConsumes('application/json'),
    ApiBody({ schema: foBusinessEventSchema }),
    accepted('Published and acknowledged by Kafka.'),
    echoIgnored('initiating user (InitiatingUserAADObjectId)'),
    ApiProblems(
      ...common,
      'INVALID_PAYLOAD',
      'TOKEN_INVALID',
      'REVERSE_DIRECTION_WRITE',
      'UNSUPPORTED_MEDIA_TYPE',
      'STORE_UNAVAILABLE',
    ),
  );
}
