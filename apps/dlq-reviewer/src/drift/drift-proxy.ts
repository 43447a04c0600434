/**
 * The reviewer's side of reconciliation: each configured connector's /reconciliation routes,
 * called with its token and the acting operator's name, answers checked for shape. What a
 * connector refuses comes back as the connector's own problem (status and detail kept);
 * a connector that cannot be reached is a 502 naming it, never the reviewer's own failure.
 * Every state-changing call is written to the reviewer's audit log with its outcome.
 */
import { errorMessage } from '@hub/resilience';
import { ReviewerError } from '../problem/reviewer-error';
import type { AuditAction, AuditActor, AuditStore } from '../store/audit-store';
import type { DriftConnector } from './drift-settings';

const TIMEOUT_MS = 10_000;

export type DriftAction = 'recheck' | 'repair' | 'ignore' | 'reopen';

const auditActionOf: Readonly<Record<DriftAction | 'approve' | 'run', AuditAction>> = {
  recheck: 'drift-recheck',
  repair: 'drift-repair',
  ignore: 'drift-ignore',
  reopen: 'drift-reopen',
  approve: 'drift-approve',
  run: 'drift-run',
};

export interface ConnectorOverview {
  readonly system: string;
  readonly state: 'reachable' | 'unreachable';
  readonly error?: string;
  /** The connector's answer: mode, levels, entity types, pairs (summary per pair). */
  readonly overview?: Readonly<Record<string, unknown>>;
}

function problemDetail(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || !('detail' in body)) return undefined;
  return typeof body.detail === 'string' ? body.detail : undefined;
}

export class DriftProxy {
  constructor(
    private readonly connectors: Readonly<Record<string, DriftConnector>>,
    private readonly audit: Pick<AuditStore, 'record'>,
    private readonly now: () => number,
    private readonly fetchFn: typeof fetch = fetch,
  ) {}

  systems(): string[] {
    return Object.keys(this.connectors).sort();
  }

  private connector(system: string): DriftConnector {
    const found = this.connectors[system];
    if (found === undefined)
      throw new ReviewerError(
        'UNKNOWN_CONNECTOR',
        `No connector ${system} in DLQ_RECONCILE_CONNECTORS (known: ${this.systems().join(', ') || 'none'}).`,
      );
    return found;
  }

  /** One call to a connector's /reconciliation route (`json`: its body); its refusals keep their status and detail. */
  async call(
    system: string,
    method: 'GET' | 'POST',
    path: string,
    actor?: AuditActor,
    json?: Readonly<Record<string, unknown>>,
  ): Promise<unknown> {
    const { url, token } = this.connector(system);
    let response: Response;
    try {
      response = await this.fetchFn(`${url.replace(/\/$/, '')}/reconciliation${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          ...(actor === undefined ? {} : { 'x-hub-actor': actor.name }),
          ...(json === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(json === undefined ? {} : { body: JSON.stringify(json) }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      throw new ReviewerError(
        'CONNECTOR_UNREACHABLE',
        `Connector ${system} could not be reached at ${url}: ${errorMessage(error)}`,
        true,
      );
    }
    const body: unknown = await response.json().catch(() => undefined);
    if (response.ok && body !== undefined) return body;
    if (response.status >= 400 && response.status < 500)
      throw new ReviewerError(
        'CONNECTOR_REFUSED',
        `Connector ${system} refused: ${problemDetail(body) ?? `HTTP ${String(response.status)}`}`,
        false,
        { connectorStatus: response.status },
      );
    throw new ReviewerError(
      'CONNECTOR_UNREACHABLE',
      `Connector ${system} answered HTTP ${String(response.status)}: ${problemDetail(body) ?? 'no problem detail'}`,
      true,
    );
  }

  /** Every connector's summary; one that cannot be read is shown as such, the others still. */
  async overview(): Promise<ConnectorOverview[]> {
    return Promise.all(
      this.systems().map(async (system): Promise<ConnectorOverview> => {
        try {
          const overview = (await this.call(system, 'GET', '')) as Record<string, unknown>;
          return { system, state: 'reachable', overview };
        } catch (error) {
          return { system, state: 'unreachable', error: errorMessage(error) };
        }
      }),
    );
  }

  /** An operator's action on one item, audited with what the connector answered (or refused). */
  itemAction(
    system: string,
    entityType: string,
    key: string,
    action: DriftAction,
    actor: AuditActor,
  ): Promise<unknown> {
    const path = `/${encodeURIComponent(entityType)}/items/${encodeURIComponent(key)}/${action}`;
    return this.audited(system, path, auditActionOf[action], actor, { entityType, key });
  }

  approve(system: string, runId: string, actor: AuditActor): Promise<unknown> {
    const path = `/runs/${encodeURIComponent(runId)}/approve`;
    return this.audited(system, path, auditActionOf.approve, actor, { runId });
  }

  /** A level run now; an L3 scoped (`scope`, checked by runScopeOf) when given. */
  run(
    system: string,
    level: string,
    actor: AuditActor,
    scope?: Readonly<Record<string, unknown>>,
  ): Promise<unknown> {
    const path = `/run/${encodeURIComponent(level)}`;
    const details = scope === undefined ? { level } : { level, scope };
    return this.audited(system, path, auditActionOf.run, actor, details, scope);
  }

  private async audited(
    system: string,
    path: string,
    action: AuditAction,
    actor: AuditActor,
    details: Readonly<Record<string, unknown>>,
    body?: Readonly<Record<string, unknown>>,
  ): Promise<unknown> {
    this.connector(system);
    const record = (outcome: Readonly<Record<string, unknown>>) =>
      this.audit.record(
        {
          actor: actor.name,
          actorId: actor.id,
          action,
          itemId: null,
          note: null,
          details: { system, ...details, ...outcome },
        },
        this.now(),
      );
    let answer: unknown;
    try {
      answer = await this.call(system, 'POST', path, actor, body);
    } catch (error) {
      await record({ outcome: 'refused', error: errorMessage(error) });
      throw error;
    }
    await record({ outcome: 'done', answer });
    return answer;
  }
}
