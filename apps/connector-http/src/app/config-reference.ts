/** The README's settings table, rendered from the config declaration. */
import { renderConfigReference } from '@hub/config';
import { connectorHttpConfig } from './connector-http.config';

export function configReferenceTable(): string {
  return renderConfigReference(connectorHttpConfig);
}
