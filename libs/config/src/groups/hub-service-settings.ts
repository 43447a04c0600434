/**
 * The groups every hub service that talks to Kafka, the registry and Postgres declares, with
 * the service's name as Kafka client id and log/metric service name. Spread it first in a
 * service's defineConfig so its README table starts with the same rows everywhere.
 */
import { withDefaults } from '../setting';
import { databaseSettings } from './database-settings';
import { kafkaSettings } from './kafka-settings';
import { observabilitySettings } from './observability-settings';
import { schemaRegistrySettings } from './schema-registry-settings';

export function hubServiceSettings(serviceName: string) {
  return {
    kafka: withDefaults(kafkaSettings, { clientId: serviceName }),
    schemaRegistry: schemaRegistrySettings,
    database: databaseSettings,
    observability: withDefaults(observabilitySettings, { serviceName }),
  };
}
