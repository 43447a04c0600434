/** Where the real components of the stack answer (same shape as @hub/testing's). */
export interface StackEndpoints {
  readonly kafkaBrokers: string;
  readonly schemaRegistryUrl: string;
  readonly databaseUrl: string;
}

export type ComponentState = 'running' | 'stopped' | 'unhealthy';

export interface ComponentStatus {
  readonly name: string;
  readonly address: string;
  readonly state: ComponentState;
  /** Only for processes this stack started. */
  readonly pid?: number;
  /** Why a component is not running, when known. */
  readonly detail?: string;
}

/** Progress lines; the library never writes to the console itself. */
export type Log = (line: string) => void;

export interface StackUpOptions {
  /** Receives progress lines (default: discarded). */
  readonly log?: Log;
}

export interface StackDownOptions {
  readonly log?: Log;
}
