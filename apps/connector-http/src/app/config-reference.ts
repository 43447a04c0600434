/**
 * The README's settings table, rendered from the config declaration. The ownership
 * policy's default is an absolute path on the machine that renders it, so the table names
 * it repository-relative instead, and the drift check passes on every checkout.
 */
import { renderConfigReference } from '@hub/config';
import { DEFAULT_POLICY_PATH } from '@hub/ownership';
import { connectorHttpConfig } from './connector-http.config';

export function configReferenceTable(): string {
  return renderConfigReference(connectorHttpConfig).replace(
    `\`${DEFAULT_POLICY_PATH}\``,
    "`libs/ownership/policies/default.yaml` (the ownership lib's default policy)",
  );
}
