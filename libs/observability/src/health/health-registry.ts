import { HealthError } from './health-error';
import type { CheckResult, ReadinessCheck } from './run-check';
import { runCheck } from './run-check';

export interface Liveness {
  readonly status: 'up';
}

export interface Readiness {
  readonly status: 'ready' | 'not-ready';
  readonly checks: Readonly<Record<string, CheckResult>>;
}

interface RegisteredCheck {
  readonly check: ReadinessCheck;
  readonly timeoutMs: number;
}

const SHUTDOWN_CHECK = 'shutdown';

/**
 * Where components register what "ready" means for them (Kafka connected, Postgres
 * answering). Liveness is only "the process answers": restarting a pod because Kafka is
 * down would not bring Kafka back, so dependencies belong to readiness alone.
 */
export class HealthRegistry {
  private readonly checks = new Map<string, RegisteredCheck>();
  private shuttingDown = false;

  constructor(private readonly defaultTimeoutMs = 2_000) {}

  register(
    name: string,
    check: ReadinessCheck,
    options: { readonly timeoutMs?: number } = {},
  ): void {
    if (name === SHUTDOWN_CHECK || this.checks.has(name)) {
      throw new HealthError(
        'HEALTH_CHECK_DUPLICATE',
        `a readiness check named "${name}" is already registered`,
      );
    }
    const timeoutMs = options.timeoutMs ?? this.defaultTimeoutMs;
    if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
      throw new HealthError(
        'HEALTH_CHECK_INVALID',
        `readiness check "${name}" needs a positive timeout, got ${timeoutMs}`,
      );
    }
    this.checks.set(name, { check, timeoutMs });
  }

  /**
   * From now on readiness reports not-ready, so the load balancer stops sending traffic
   * while in-flight work drains (call it first on SIGTERM).
   */
  beginShutdown(): void {
    this.shuttingDown = true;
  }

  liveness(): Liveness {
    return { status: 'up' };
  }

  /** Runs every check concurrently; ready only when all are ok. */
  async readiness(): Promise<Readiness> {
    const entries = await Promise.all(
      [...this.checks].map(
        async ([name, { check, timeoutMs }]) => [name, await runCheck(check, timeoutMs)] as const,
      ),
    );
    const checks: Record<string, CheckResult> = Object.fromEntries(entries);
    if (this.shuttingDown) checks[SHUTDOWN_CHECK] = { ok: false, detail: 'shutting down' };
    const ready = Object.values(checks).every((result) => result.ok);
    return { status: ready ? 'ready' : 'not-ready', checks };
  }
}
