import { basicAuth, url } from '../building-blocks/network';
import { group, setting } from '../setting';

/** The Confluent-compatible schema registry (locally Apicurio's ccompat API). */
export const schemaRegistrySettings = group({
  url: setting({
    env: 'SCHEMA_REGISTRY_URL',
    schema: url(['http', 'https']),
    description: 'Confluent-compatible schema registry base URL.',
    default: 'http://127.0.0.1:8081/apis/ccompat/v7',
    secret: false,
  }),
  basicAuth: setting({
    env: 'SCHEMA_REGISTRY_BASIC_AUTH',
    schema: basicAuth().optional(),
    description: 'Registry basic auth as username:password; unset means no auth.',
    secret: true,
  }),
});
