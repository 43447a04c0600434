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
  /** The user's name (res.users `name`); default the login. */
  readonly name?: string;
}

export interface OdooSimOptions {
  readonly db?: string;
  /** Who may log in (JSON-RPC, XML-RPC, JSON-2); each call's writes are attributed to its user. */
  readonly users?: readonly OdooUser[];
  /**
   * The uid that hand edits (`setOnHand`, POST /__sim/odoo/on-hand: someone working in
   * Odoo's screens) are attributed to; one of `users`, default the first (uid 2, Mitchell
   * Admin). Give the hub's connector another user to tell its writes from these.
   */
  readonly handEditUid?: number;
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

/** uid 2 as in every Odoo database: the administrator (Mitchell Admin in Odoo's demo data). */
export const defaultOdooUser: OdooUser = {
  uid: 2,
  login: 'admin',
  password: 'admin',
  apiKey: 'sim-odoo-api-key',
  name: 'Mitchell Admin',
};

/** uid 1, Odoo's superuser (`__system__`, shown as OdooBot): data loaded at start is its. */
export const odooSuperuserUid = 1;
