import { defineConfig } from './define-config';
import { databaseSettings } from './groups/database-settings';
import { kafkaSettings } from './groups/kafka-settings';
import { observabilitySettings } from './groups/observability-settings';
import { schemaRegistrySettings } from './groups/schema-registry-settings';
import { renderConfigReference } from './render-config-reference';

const sharedGroups = {
  kafkaSettings,
  schemaRegistrySettings,
  databaseSettings,
  observabilitySettings,
} as const;

/** The reference for the shared groups, one table per group: what this lib's README carries. */
export function renderSharedSettingsReference(): string {
  return Object.entries(sharedGroups)
    .map(
      ([name, settings]) =>
        `#### \`${name}\`\n\n${renderConfigReference(defineConfig({ settings }))}`,
    )
    .join('\n\n');
}
