/** The DYNAMICS_FINANCE_* settings: the environment, Entra ID credentials, the legal entity and the write mapping. */
import { duration, group, integer, setting, text, url, type ConfigProblem } from '@hub/config';

const shape = {
  url: setting({
    env: 'DYNAMICS_FINANCE_URL',
    schema: url(['http', 'https']),
    description:
      'F&O environment URL, e.g. https://contoso.operations.dynamics.com; OData is at <url>/data. Also the token resource (<url>/.default) unless DYNAMICS_FINANCE_SCOPE is set.',
    secret: false,
  }),
  tenantId: setting({
    env: 'DYNAMICS_FINANCE_TENANT_ID',
    schema: text().min(1),
    description: 'Microsoft Entra tenant id (GUID) of the app registration.',
    secret: false,
  }),
  clientId: setting({
    env: 'DYNAMICS_FINANCE_CLIENT_ID',
    schema: text().min(1),
    description:
      'Application (client) id; it must also be listed in F&O under System administration > Setup > Microsoft Entra applications.',
    secret: false,
  }),
  clientSecret: setting({
    env: 'DYNAMICS_FINANCE_CLIENT_SECRET',
    schema: text().min(1),
    description: 'Client secret value of the app registration.',
    secret: true,
  }),
  authorityHost: setting({
    env: 'DYNAMICS_FINANCE_AUTHORITY_HOST',
    schema: url(['https']),
    description:
      'Entra ID authority host (https only, as msal-node requires); sovereign clouds use their own, e.g. https://login.microsoftonline.us.',
    default: 'https://login.microsoftonline.com',
    secret: false,
  }),
  loginRoute: setting({
    env: 'DYNAMICS_FINANCE_LOGIN_ROUTE',
    schema: url(['http', 'https']).optional(),
    description:
      "Sends msal-node's requests for the authority host to this base URL instead (a simulator or an egress proxy); unset in production. The authority msal validates stays DYNAMICS_FINANCE_AUTHORITY_HOST.",
    secret: false,
  }),
  scope: setting({
    env: 'DYNAMICS_FINANCE_SCOPE',
    schema: text().min(1).optional(),
    description: 'Token scope; default <DYNAMICS_FINANCE_URL>/.default.',
    secret: false,
  }),
  legalEntity: setting({
    env: 'DYNAMICS_FINANCE_LEGAL_ENTITY',
    schema: text()
      .regex(/^[A-Za-z0-9]{1,4}$/, 'must be a legal entity id (dataAreaId) such as usmf')
      .transform((value) => value.toLowerCase()),
    description:
      'Legal entity (dataAreaId) the connector writes to and reads from; every query names it with cross-company=true.',
    secret: false,
  }),
  countingJournalName: setting({
    env: 'DYNAMICS_FINANCE_COUNTING_JOURNAL_NAME',
    schema: text().min(1),
    description: 'Journal name (JournalNameId) of the counting journals the connector creates.',
    default: 'ICnt',
    secret: false,
  }),
  timeout: setting({
    env: 'DYNAMICS_FINANCE_TIMEOUT',
    schema: duration(),
    description:
      'Timeout of one F&O or Entra ID request; a timeout is a transient failure (retried).',
    default: '60s',
    secret: false,
  }),
  startupCheckTimeout: setting({
    env: 'DYNAMICS_FINANCE_STARTUP_CHECK_TIMEOUT',
    schema: duration(),
    description:
      'How long the start-up check keeps trying while F&O or Entra ID is unreachable; a refused credential or a missing legal entity refuses the start at once.',
    default: '60s',
    secret: false,
  }),
  sweepPageSize: setting({
    env: 'DYNAMICS_FINANCE_SWEEP_PAGE_SIZE',
    schema: integer({ min: 1, max: 10_000 }),
    description: 'Purchase orders read per sweep page.',
    default: '200',
    secret: false,
  }),
};

export const foSettings = group(shape, (fo) => {
  const problems: ConfigProblem[] = [];
  if (fo.url.endsWith('/data') || fo.url.endsWith('/data/'))
    problems.push({
      variable: 'DYNAMICS_FINANCE_URL',
      reason: 'is the environment URL without /data (the connector adds it)',
    });
  return problems;
});
