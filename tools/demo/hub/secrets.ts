import { randomBytes } from 'node:crypto';

/** A Standard Webhooks secret: whsec_ + base64 of 32 random bytes. */
export const webhookSecret = (): string => `whsec_${randomBytes(32).toString('base64')}`;

/** A URL-safe random token (at least 24 characters, as the apps require). */
export const randomToken = (bytes = 24): string => randomBytes(bytes).toString('base64url');

/** Short random run id for names (schemas, groups, SKUs). */
export const runIdentifier = (): string => randomBytes(3).toString('hex');
