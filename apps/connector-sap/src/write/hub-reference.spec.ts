import {
  materialDocumentHeaderText,
  physInventoryReference,
  repeatabilityHeaders,
} from './hub-reference';

const id = 'c1-0123456789abcdef0123456789abcdef';

describe('hub references in SAP fields', () => {
  it('fit the header text (25) and the physical inventory reference (16), deterministically', () => {
    expect(materialDocumentHeaderText(id)).toMatch(/^HUB:[0-9A-F]{21}$/);
    expect(physInventoryReference(id)).toMatch(/^H[0-9A-F]{15}$/);
    expect(materialDocumentHeaderText(id)).toBe(materialDocumentHeaderText(id));
    expect(materialDocumentHeaderText(id)).not.toBe(
      materialDocumentHeaderText(`${id.slice(0, -1)}0`),
    );
  });

  it('repeat the same repeatability id for the same write and step, another for another step', () => {
    const first = repeatabilityHeaders(id, 'material-document', 1_700_000_000_000);
    expect(first).toEqual(repeatabilityHeaders(id, 'material-document', 1_700_000_000_000));
    expect(first['repeatability-request-id']).not.toBe(
      repeatabilityHeaders(id, 'post-difference', 1_700_000_000_000)['repeatability-request-id'],
    );
    expect(first['repeatability-first-sent']).toBe('Tue, 14 Nov 2023 22:13:20 GMT');
  });
});
