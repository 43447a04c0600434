/** What a simulated Odoo is configured with. */
import type { OdooCall, OdooTransport } from './odoo-call-log';
import type { CustomFieldDef } from './odoo-registry';
import type { OdooSeed } from './odoo-seed';
import type { OdooValue } from './odoo-values';
import type { OdooWebhookConfig } from './odoo-webhooks';

export interface OdooUser {
  readonly uid: number;
  readonly login: string;
  readonly password: string;
  readonly apiKey?: string;
}

export interface OdooSimOptions {
  readonly db?: string;
  readonly users?: readonly OdooUser[];
  readonly serverVersion?: string;
  /** Default before-commit (Odoo 17): the webhook goes out while the change is invisible. */
  readonly webhookTiming?: WebhookTiming;
  /** before-commit: how long after its webhooks returned the transaction commits; default 200. */
  readonly commitDelayMs?: number;
  readonly webhooks?: readonly OdooWebhookConfig[];
  /** Custom fields that exist from the start (default none, as in a fresh database). */
  readonly customFields?: readonly CustomFieldDef[];
  readonly seed?: OdooSeed;
  readonly now?: () => Date;
}

export type WebhookTiming = 'after-commit' | 'before-commit';
export type { OdooCall, OdooTransport };

/** The method's return value; `undefined` is Python's None. */
export interface OdooResult {
  readonly value: OdooValue | undefined;
}

export const defaultOdooUser: OdooUser = {
  uid: 2,
  login: 'admin',
  password: 'admin',
  apiKey: 'sim-odoo-api-key',
};
