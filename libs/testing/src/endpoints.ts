/** Where the real components of an integration test live. */
export interface StackEndpoints {
  readonly kafkaBrokers: string;
  readonly schemaRegistryUrl: string;
  readonly databaseUrl: string;
}

export const endpointVariables = {
  kafkaBrokers: 'KAFKA_BROKERS',
  schemaRegistryUrl: 'SCHEMA_REGISTRY_URL',
  databaseUrl: 'DATABASE_URL',
} as const satisfies Record<keyof StackEndpoints, string>;

/** Endpoints given by the environment, or undefined unless all three are set. */
export function endpointsFromEnvironment(
  env: NodeJS.ProcessEnv = process.env,
): StackEndpoints | undefined {
  const kafkaBrokers = env[endpointVariables.kafkaBrokers];
  const schemaRegistryUrl = env[endpointVariables.schemaRegistryUrl];
  const databaseUrl = env[endpointVariables.databaseUrl];
  if (!kafkaBrokers || !schemaRegistryUrl || !databaseUrl) return undefined;
  return { kafkaBrokers, schemaRegistryUrl, databaseUrl };
}

/** The endpoints a test worker uses: global setup has put them in the environment. */
export function testEndpoints(): StackEndpoints {
  const endpoints = endpointsFromEnvironment();
  if (!endpoints) {
    throw new Error(
      `Integration tests need ${Object.values(endpointVariables).join(', ')}: run them through ` +
        'the test-int target (its jest global setup provides the stack), or set all three.',
    );
  }
  return endpoints;
}

export function exportEndpoints(
  endpoints: StackEndpoints,
  env: NodeJS.ProcessEnv = process.env,
): void {
  env[endpointVariables.kafkaBrokers] = endpoints.kafkaBrokers;
  env[endpointVariables.schemaRegistryUrl] = endpoints.schemaRegistryUrl;
  env[endpointVariables.databaseUrl] = endpoints.databaseUrl;
}
