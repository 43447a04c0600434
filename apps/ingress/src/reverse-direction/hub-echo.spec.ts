import { createMetrics, createRegistry } from '@hub/observability';
import { OWNERSHIP_ERROR_CODES, type OwnershipRefusal } from '@hub/ownership';
import type { IngressDeps } from '../app/ingress-deps';
import { systemsSchema } from '../app/systems-setting';
import { hubEcho } from './hub-echo';

function depsWith(systems: Record<string, unknown>) {
  const registry = createRegistry();
  const debug = jest.fn();
  const deps = {
    systems: systemsSchema.parse(JSON.stringify(systems)),
    metrics: createMetrics(registry),
    logger: { debug },
  } as unknown as IngressDeps;
  return { deps, registry, debug };
}

function refusal(
  system: string,
  code: OwnershipRefusal['code'] = OWNERSHIP_ERROR_CODES.reverseDirectionWrite,
) {
  return {
    allowed: false,
    code,
    message: 'refused',
    system,
    entityType: 'inventory-level',
    scope: undefined,
    owners: ['wms'],
  } as OwnershipRefusal;
}

const event = (proposedJson: unknown) => ({
  entityType: 'inventory-level' as const,
  correlationId: 'c1-test',
  proposedJson,
});

describe('hubEcho', () => {
  it("knows Odoo's write_uid of a hub writer user, counts it and logs at debug", async () => {
    const { deps, registry, debug } = depsWith({ odoo: { hubWriterUsers: ['7'] } });
    expect(hubEcho(deps, refusal('odoo'), event({ write_uid: 7 }))).toMatchObject({
      status: 'ignored',
      reason: 'hub-echo',
    });
    expect(hubEcho(deps, refusal('odoo'), event({ write_uid: [7, 'Hub'] }))?.status).toBe(
      'ignored',
    );
    expect(await registry.getSingleMetricAsString('hub_ingress_echoes_total')).toMatch(
      /hub_ingress_echoes_total\{system="odoo",entity_type="inventory-level"\} 2/,
    );
    expect(debug).toHaveBeenCalledTimes(2);
  });

  it("knows F&O's InitiatingUserAADObjectId whatever its braces and case", () => {
    const { deps } = depsWith({
      fo: { hubWriterUsers: ['{C4B1D7E0-1E2F-4A55-9A35-6D2F6E3F1B2A}'] },
    });
    const echo = hubEcho(
      deps,
      refusal('fo'),
      event({ InitiatingUserAADObjectId: '{c4b1d7e0-1e2f-4a55-9a35-6d2f6e3f1b2a}' }),
    );
    expect(echo?.status).toBe('ignored');
  });

  it('leaves every other refusal alone: another writer, none named, no setting, out of scope', () => {
    const { deps, debug } = depsWith({
      odoo: { hubWriterUsers: ['7'] },
      other: { token: '0123456789abcdef' },
    });
    expect([
      hubEcho(deps, refusal('odoo'), event({ write_uid: 2 })),
      hubEcho(deps, refusal('odoo'), event({ quantity: 3 })),
      hubEcho(deps, refusal('odoo'), event({ write_uid: '7' })),
      hubEcho(deps, refusal('other'), event({ write_uid: 7 })),
      hubEcho(deps, refusal('odoo', OWNERSHIP_ERROR_CODES.outOfScope), event({ write_uid: 7 })),
    ]).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(debug).not.toHaveBeenCalled();
  });
});
