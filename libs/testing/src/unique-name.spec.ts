import { uniqueName } from './unique-name';

describe('uniqueName', () => {
  it('keeps a readable, topic-safe prefix', () => {
    expect(uniqueName('Inventory Level.v1')).toMatch(/^inventory-level-v1-[a-z0-9]+-[0-9a-f]{8}$/);
  });

  it('never repeats', () => {
    const names = new Set(Array.from({ length: 1000 }, () => uniqueName('t')));
    expect(names.size).toBe(1000);
  });
});
