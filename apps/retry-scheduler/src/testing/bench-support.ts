/** What the benchmark needs from @hub/testing (bench code may not import the testing lib itself). */
import { exportEndpoints, uniqueName } from '@hub/testing';

/** The local stack's endpoints unless the environment names others. */
export function useStackEndpoints(env: NodeJS.ProcessEnv = process.env): void {
  exportEndpoints({
    kafkaBrokers: env['KAFKA_BROKERS'] ?? '127.0.0.1:9092',
    schemaRegistryUrl: env['SCHEMA_REGISTRY_URL'] ?? 'http://127.0.0.1:8081/apis/ccompat/v7',
    databaseUrl: env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/hub',
  });
}

export function uniqueTarget(prefix: string): string {
  return uniqueName(prefix);
}
