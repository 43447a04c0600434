/** The hub's own APIs the story reads: the DLQ reviewer and the retry scheduler's status. */
import { okJson, requestJson } from './net';

export interface DeadLetterSummary {
  readonly id: string;
  readonly status: 'open' | 'retrying' | 'resolved' | 'discarded';
  readonly target: string;
  readonly entityType: string;
  readonly entityKey: string;
  readonly errorCode: string | null;
  readonly errorMessage: string | null;
  readonly attemptCount: number;
  /** In the detail only: the trace of the failed event (its traceparent), when it had one. */
  readonly traceId?: string | null;
}

export class DlqClient {
  constructor(
    readonly url: string,
    private readonly token: string,
  ) {}

  private get headers(): Record<string, string> {
    return { authorization: `Bearer ${this.token}` };
  }

  async list(filter: Readonly<Record<string, string>>): Promise<DeadLetterSummary[]> {
    const query = new URLSearchParams(filter).toString();
    const body = await okJson<{ items: DeadLetterSummary[] }>(
      `${this.url}/api/dead-letters?${query}`,
      {
        headers: this.headers,
      },
    );
    return body.items;
  }

  item(id: string): Promise<DeadLetterSummary> {
    return okJson<DeadLetterSummary>(`${this.url}/api/dead-letters/${id}`, {
      headers: this.headers,
    });
  }

  async retry(id: string, note: string): Promise<number> {
    const answer = await requestJson(`${this.url}/api/dead-letters/${id}/retry`, {
      body: { note },
      headers: this.headers,
    });
    return answer.status;
  }
}

export interface TargetStatus {
  readonly target: string;
  readonly breaker: { readonly state: 'closed' | 'open' | 'half-open' };
  readonly pending: number;
}

export async function schedulerStatus(
  url: string,
  target: string,
): Promise<TargetStatus | undefined> {
  const body = await okJson<TargetStatus[] | { targets: TargetStatus[] }>(`${url}/status`);
  const targets = Array.isArray(body) ? body : body.targets;
  return targets.find((status) => status.target === target);
}
