import { entitySetOf, parseBcBody } from './bc-notification';
import { bcKey, toBcSourceNotification } from './bc-source-notification';

const identity = {
  now: () => 1_800_000_000_000,
  newEventId: () => '00000000-0000-4000-8000-000000000003',
};

const item = {
  subscriptionId: 'sub-1',
  clientState: 'secret-client-state',
  expirationDateTime: '2026-11-30T02:00:00Z',
  resource: '/api/v2.0/companies(1)/purchaseOrders(2)',
  changeType: 'updated',
  lastModifiedDateTime: '2026-11-27T02:45:00Z',
};

describe('Business Central notifications', () => {
  it.each([
    ['/api/v2.0/companies(1)/items(2)', 'items'],
    ['/api/v2.0/companies(1)/items', 'items'],
    ['/api/v2.0/companies(1)/items?$filter=lastModifiedDateTime gt 2026-11-27T00:00:00Z', 'items'],
    ['/api/contoso/app/v1.0/companies(1)/purchaseOrders(2)', 'purchaseOrders'],
  ])('finds the entity set of %s', (resource, set) => {
    expect(entitySetOf(resource)).toBe(set);
  });

  it('judges each item alone', () => {
    const items = parseBcBody({ value: [item, { ...item, changeType: 'renamed' }, 3] });
    expect(items.map((i) => (i.ok ? i.notification.entityType : i.reason))).toEqual([
      'purchase-order',
      'missing-fields',
      'not-an-object',
    ]);
  });

  it('yields nothing for a body without a value array', () => {
    expect(parseBcBody({ values: [] })).toEqual([]);
  });

  it('maps a collection notification to updated, keeps the secret out, encodes spaces in the key', () => {
    const resource =
      '/api/v2.0/companies(1)/items?$filter=lastModifiedDateTime gt 2026-11-27T00:00:00Z';
    const [parsed] = parseBcBody({ value: [{ ...item, resource, changeType: 'collection' }] });
    if (parsed?.ok !== true) throw new Error('expected a valid item');
    const event = toBcSourceNotification('bc', parsed.notification, 'inventory-level', identity);
    expect(event.entityKey).toBe(bcKey(resource));
    expect(event.entityKey).not.toMatch(/\s/);
    expect(event.payload).toMatchObject({
      changeKind: 'updated',
      attributes: { changeType: 'collection', subscriptionId: 'sub-1' },
    });
    expect(JSON.stringify(event)).not.toContain('secret-client-state');
  });
});
