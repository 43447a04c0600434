import { contractCatalog, schemaText, type ContractEntry } from '@hub/contracts';
import type { RegistryConnection } from '../serde/registry-client';
import {
  createSchemaRegistrySerde,
  type SchemaRegistrySerde,
} from '../serde/schema-registry-serde';

/** The values of @hub/config's `schemaRegistrySettings` group (structural, like KafkaSettings). */
export interface SchemaRegistrySettings {
  readonly url: string;
  readonly basicAuth?: { readonly username: string; readonly password: string } | undefined;
}

export function registryConnectionFrom(settings: SchemaRegistrySettings): RegistryConnection {
  return {
    url: settings.url,
    ...(settings.basicAuth === undefined ? {} : { basicAuth: settings.basicAuth }),
  };
}

export function createSchemaRegistrySerdeFrom(
  settings: SchemaRegistrySettings,
): SchemaRegistrySerde {
  return createSchemaRegistrySerde(registryConnectionFrom(settings));
}

/**
 * Registers every contract schema under its subject with BACKWARD compatibility, so the
 * serde can encode them. Apps call it at start-up; an incompatible schema fails the start.
 */
export async function registerContractCatalog(
  serde: SchemaRegistrySerde,
  entries: readonly ContractEntry[] = contractCatalog,
): Promise<void> {
  for (const entry of entries) {
    // The catalog's schema type has no index signature, so it is handed over as its registry text.
    const schema = JSON.parse(schemaText(entry.schema)) as Readonly<Record<string, unknown>>;
    await serde.register(entry.subject, schema, { compatibility: 'BACKWARD' });
  }
}
