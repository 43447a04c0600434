/**
 * INGRESS_SYSTEMS: the per-system credentials, one JSON object keyed by system id. Secret,
 * so the loader never prints it. Each system carries only what its route needs; every
 * secret may be one string or a list of two (rotation). Beside the credentials, the ERP
 * users the hub's own connector writes as (`hubWriterUsers`), so that the ERP's notification
 * of a hub write is known as an echo and not taken for someone's change request.
 */
import { z } from 'zod';
import { writerIdForm } from '../reverse-direction/reverse-direction-user';

/**
 * One secret, or two while rotating (the new one is deployed beside the old one, the
 * sender switches, then the old one is removed), so a rotation never has a gap.
 */
function secretOrPair(one: z.ZodType<string>, name: string) {
  // Normalised to a list first, so a bad value gets its own message, not "Invalid input".
  return z.preprocess(
    (value) => (typeof value === 'string' ? [value] : value),
    z
      .array(one, `${name} must be a string or a list of two strings`)
      .min(1, `${name} must name one or two secrets`)
      .max(2, `${name} takes at most two secrets (the new and the old while rotating)`)
      .readonly(),
  );
}

function atLeast(min: number, name: string): z.ZodString {
  return z.string().min(min, `${name} must be at least ${String(min)} characters`);
}

/**
 * SAP through an mTLS-terminating proxy (e.g. ingress-nginx with auth-tls-pass-certificate-to-upstream):
 * the proxy verified the client certificate and passes its verdict and subject in headers.
 * Anyone who reaches the ingress directly can send those headers too, so they count only
 * together with a secret header that only the proxy adds (compared in constant time).
 */
const clientCertificate = z
  .object({
    /** The certificate subject DN the proxy must report, e.g. `CN=event-mesh,O=ACME`. */
    subject: z.string().min(1),
    subjectHeader: z.string().toLowerCase().default('ssl-client-subject-dn'),
    verifyHeader: z.string().toLowerCase().default('ssl-client-verify'),
    /** The verify header's value for a verified certificate (nginx: SUCCESS). */
    verifiedValue: z.string().default('SUCCESS'),
    /** The header the proxy sets to proxySecret on every request it forwards. */
    proxySecretHeader: z.string().toLowerCase().default('x-hub-proxy-secret'),
    /** The proxy's own secret; one or two (rotation), each 32+ characters. */
    proxySecret: secretOrPair(atLeast(32, 'proxySecret'), 'proxySecret'),
  })
  .strict();

export type ClientCertificateCheck = z.infer<typeof clientCertificate>;

/**
 * The user ids as the system's notifications name the last writer (Odoo: `write_uid`, e.g.
 * "7"; F&O: InitiatingUserAADObjectId, a GUID, compared without braces and case). Brought
 * to that form here, once at start-up, so an echo check only compares strings.
 */
const hubWriterUsers = z
  .array(
    z
      .string('hubWriterUsers must be a list of user ids as strings, e.g. ["7"]')
      .trim()
      .min(1, 'hubWriterUsers must not contain an empty user id')
      .max(200, 'hubWriterUsers: a user id is at most 200 characters'),
    'hubWriterUsers must be a list of user ids as strings, e.g. ["7"]',
  )
  .min(1, 'hubWriterUsers must name at least one user (leave it out for none)')
  .transform((users): readonly string[] => users.map(writerIdForm));

const systemCredentials = z
  .object({
    /** Standard Webhooks secret (`whsec_<base64>`), for /webhooks/wms/:systemId. */
    webhookSecret: secretOrPair(z.string().startsWith('whsec_'), 'webhookSecret').optional(),
    /** URL token, for /webhooks/odoo/:systemId/:token. */
    token: secretOrPair(atLeast(16, 'token'), 'token').optional(),
    /** Bearer token SAP Event Mesh sends, for /webhooks/sap/:systemId. */
    bearerToken: secretOrPair(atLeast(16, 'bearerToken'), 'bearerToken').optional(),
    /** Or: a client certificate verified by an mTLS-terminating proxy, for /webhooks/sap/:systemId. */
    clientCertificate: clientCertificate.optional(),
    /** Business Central subscription clientState (≤ 2048 chars), for /webhooks/business-central/:systemId. */
    clientState: secretOrPair(atLeast(16, 'clientState').max(2048), 'clientState').optional(),
    /** URL token of F&O's business event HTTPS endpoint, for /webhooks/dynamics-finance/:systemId/:token. */
    businessEventToken: secretOrPair(
      atLeast(16, 'businessEventToken'),
      'businessEventToken',
    ).optional(),
    /**
     * The ERP users the hub's connector writes as; a refused notification whose last writer
     * is one of them is the echo of the hub's own write (no change request).
     */
    hubWriterUsers: hubWriterUsers.optional(),
  })
  .strict();

export type SystemCredentials = z.infer<typeof systemCredentials>;
export type SystemsConfig = Readonly<Record<string, SystemCredentials>>;

const systemsRecord = z.record(z.string().regex(/^[a-z0-9-]{1,200}$/), systemCredentials);

/** Parses the JSON text; a malformed document is a config problem, not a crash. */
export const systemsSchema = z.string().transform((text, context): SystemsConfig => {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    context.addIssue({
      code: 'custom',
      message: 'must be a JSON object of system id → credentials',
    });
    return z.NEVER;
  }
  const parsed = systemsRecord.safeParse(json);
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      context.addIssue({ code: 'custom', message: `${issue.path.join('.')}: ${issue.message}` });
    return z.NEVER;
  }
  return parsed.data;
});
