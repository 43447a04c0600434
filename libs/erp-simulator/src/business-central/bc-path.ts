/**
 * Parses a BC API URL path below the simulator prefix:
 * `/bc/v2.0/<tenant>/<environment>/api/<publisher>/<group>/<version>/<segments>` or
 * `/bc/v2.0/<tenant>/<environment>/api/v2.0/<segments>`, each segment `name` or
 * `name(key)` (GUIDs bare, strings quoted).
 */
import { BcODataError, notFound } from './bc-odata';

export interface BcSegment {
  readonly name: string;
  readonly key?: string;
}

export interface BcPath {
  readonly tenant: string;
  readonly environment: string;
  /** `v2.0` for the standard API, `hub/wms/v1.0` for the extension. */
  readonly api: string;
  /** The company of a company-scoped path. */
  readonly companyId?: string;
  /** The segments after `companies(<id>)` (or after the API root when not company-scoped). */
  readonly segments: readonly BcSegment[];
  /** The `$metadata#...` context root, e.g. `http://host/bc/v2.0/t/e/api/v2.0/$metadata#companies(<id>)`. */
  readonly contextRoot: string;
}

const segmentPattern = /^([A-Za-z$][A-Za-z0-9.]*)(?:\(([^)]*)\))?$/;

function segment(text: string): BcSegment {
  const match = segmentPattern.exec(text);
  if (match === null) throw notFound(text);
  const rawKey = match[2];
  const key = rawKey === undefined ? undefined : rawKey.replace(/^'(.*)'$/, '$1');
  return key === undefined ? { name: match[1] ?? '' } : { name: match[1] ?? '', key };
}

export function parseBcPath(path: string, origin: string, extensionApi: string): BcPath {
  const parts = decodeURIComponent(path).split('/').filter(Boolean);
  // bc, v2.0, tenant, environment, api, ...
  if (parts[0] !== 'bc' || parts[1] !== 'v2.0' || parts[4] !== 'api' || parts.length < 6)
    throw notFound(path);
  const tenant = parts[2] ?? '';
  const environment = parts[3] ?? '';
  const rest = parts.slice(5);
  const apiParts = extensionApi.split('/');
  let api: string;
  if (rest[0] === 'v2.0') api = 'v2.0';
  else if (apiParts.every((p, i) => rest[i] === p)) api = extensionApi;
  else
    throw new BcODataError(
      404,
      'BadRequest_NotFound',
      `No HTTP resource was found that matches the request URI '${path}'.`,
    );
  const segments = rest.slice(api.split('/').length).map(segment);
  const root = `${origin}/bc/v2.0/${tenant}/${environment}/api/${api}/$metadata#`;
  const first = segments[0];
  if (first?.name === 'companies' && first.key !== undefined && segments.length > 1)
    return {
      tenant,
      environment,
      api,
      companyId: first.key,
      segments: segments.slice(1),
      contextRoot: `${root}companies(${first.key})/`,
    };
  return { tenant, environment, api, segments, contextRoot: root };
}
