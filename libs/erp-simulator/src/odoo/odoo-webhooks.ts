/**
 * Odoo 17+'s "Send Webhook Notification" server action (ir_actions.py `_run_action_webhook`):
 * `{_action, _id, _model}` plus the selected fields read with `load=None`, dumped with
 * `json.dumps(sort_keys=True)`, POSTed with a 1 s timeout, never retried, no signature.
 */
import type { FaultInjector } from '../faults/fault-injector';
import { pythonJsonDumps } from '../python/python-json';
import type { Touched } from './odoo-orm';
import { readRecords } from './odoo-read';
import { requireBaseModel, requireModel } from './odoo-registry';
import type { RecordView } from './odoo-store';

export interface OdooWebhookConfig {
  readonly model: string;
  readonly url: string;
  readonly fields?: readonly string[];
  readonly actionId?: number;
  readonly actionName?: string;
}

export interface WebhookAttempt {
  readonly url: string;
  readonly model: string;
  readonly id: number;
  readonly body: string;
  readonly dropped: boolean;
  readonly status?: number;
  readonly error?: string;
  readonly at: string;
}

interface Rule extends OdooWebhookConfig {
  readonly actionId: number;
}

const timeoutMs = 1000;
const logLimit = 10_000;

export class OdooWebhooks {
  private rules: Rule[] = [];
  private attempts: WebhookAttempt[] = [];
  private nextActionId = 61;

  constructor(
    private readonly faults: FaultInjector,
    private readonly uid: number,
  ) {}

  add(config: OdooWebhookConfig): Rule {
    requireBaseModel(config.model);
    const rule = { ...config, actionId: config.actionId ?? this.nextActionId++ };
    this.rules.push(rule);
    return rule;
  }

  list(): readonly Rule[] {
    return [...this.rules];
  }

  clear(): void {
    this.rules = [];
  }

  log(): readonly WebhookAttempt[] {
    return [...this.attempts];
  }

  /** The exact body Odoo would send for this rule and record. */
  body(view: RecordView, rule: Rule, id: number): string {
    const model = requireModel(view, rule.model);
    const fields = rule.fields ?? [];
    const values =
      fields.length > 0 ? readRecords(view, model, [id], fields, 'none', this.uid)[0] : {};
    const name = rule.actionName ?? 'Send Webhook Notification';
    return pythonJsonDumps({
      ...values,
      _model: rule.model,
      _id: id,
      _action: `${name}(#${rule.actionId})`,
    });
  }

  /** Bodies are built from `view` now; the POSTs run concurrently and are awaited. */
  async send(view: RecordView, touched: Iterable<Touched>): Promise<WebhookAttempt[]> {
    const pending: Promise<WebhookAttempt>[] = [];
    for (const { model, id } of touched) {
      if (view.get(model, id) === undefined) continue;
      for (const rule of this.rules.filter((r) => r.model === model)) {
        const body = this.body(view, rule, id);
        pending.push(this.post(rule, model, id, body));
      }
    }
    const done = await Promise.all(pending);
    this.attempts.push(...done);
    // Long demo and benchmark runs: keep only the recent attempts.
    if (this.attempts.length > logLimit) this.attempts = this.attempts.slice(-logLimit / 2);
    return done;
  }

  private async post(rule: Rule, model: string, id: number, body: string): Promise<WebhookAttempt> {
    const at = new Date().toISOString();
    if (this.faults.take('dropWebhook', { model }))
      return { url: rule.url, model, id, body, dropped: true, at };
    try {
      const response = await fetch(rule.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'User-Agent': 'python-requests/2.31.0',
          Accept: '*/*',
        },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      await response.arrayBuffer().catch(() => undefined);
      return { url: rule.url, model, id, body, dropped: false, status: response.status, at };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { url: rule.url, model, id, body, dropped: false, error: message, at };
    }
  }
}
