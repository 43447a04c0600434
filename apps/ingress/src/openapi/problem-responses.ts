/** OpenAPI responses for problem+json answers, one per status, naming every problem type. */
import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import {
  PROBLEM_CONTENT_TYPE,
  problemCatalog,
  problemTypeUri,
  type ProblemCode,
} from '../problem/problem-catalog';

export const PROBLEM_SCHEMA_REF = '#/components/schemas/Problem';

/** When each problem happens, as an integrator reads it. */
const when: Readonly<Partial<Record<ProblemCode, string>>> = {
  INVALID_PAYLOAD: 'not JSON, or schema errors (every one listed in `errors`)',
  SIGNATURE_INVALID:
    'missing or non-matching Standard Webhooks signature, or a system not configured for this route (the same answer)',
  TIMESTAMP_OUT_OF_TOLERANCE: '`webhook-timestamp` more than 5 minutes off (replay)',
  TOKEN_INVALID:
    'the URL token or bearer token does not match, or the system is not configured for this route (the same answer)',
  REVERSE_DIRECTION_WRITE: 'the sender does not own the entity type (`owner` names who does)',
  OUT_OF_SCOPE:
    "the entity's scope value (e.g. its warehouse) is in no scope of the ownership policy, so nobody owns it",
  BODY_TOO_LARGE: 'body over BODY_LIMIT (default 1 MiB)',
  UNSUPPORTED_MEDIA_TYPE: 'Content-Type is not application/json',
  TOO_MANY_FAILURES:
    'too many failed authentications from this address in the window (Retry-After: seconds left)',
  KAFKA_UNAVAILABLE: 'Kafka did not acknowledge; nothing was stored (Retry-After: 5)',
  STORE_UNAVAILABLE: 'a reverse-direction write could not be recorded (Retry-After: 5)',
};

function describe(codes: readonly ProblemCode[]): string {
  return codes
    .map((code) => `\`${problemTypeUri(code)}\`: ${when[code] ?? problemCatalog[code].title}`)
    .join('; ');
}

/** One ApiResponse per status among `codes`, each listing its problem types. */
export function ApiProblems(...codes: ProblemCode[]): MethodDecorator & ClassDecorator {
  const byStatus = new Map<number, ProblemCode[]>();
  for (const code of codes) {
    const { status } = problemCatalog[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return applyDecorators(
    ...[...byStatus].map(([status, group]) =>
      ApiResponse({
        status,
        description: describe(group),
        content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: PROBLEM_SCHEMA_REF } } },
        ...(status === 503 || status === 429
          ? { headers: { 'Retry-After': { description: 'Seconds', schema: { type: 'integer' } } } }
          : {}),
      }),
    ),
  );
}
