import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_POLICY_PATH, loadPolicyFile } from './load-policy';
import { caught } from './testing/spec-helpers';

const testdata = (name: string): string => join(__dirname, 'testdata', name);

describe('loadPolicyFile', () => {
  it('finds the default policy shipped with the lib', () => {
    expect(DEFAULT_POLICY_PATH.endsWith('libs/ownership/policies/default.yaml')).toBe(true);
    expect(existsSync(DEFAULT_POLICY_PATH)).toBe(true);
  });

  it('reads a .json file as JSON', () => {
    const policy = loadPolicyFile(testdata('two-erps.policy.json'));

    expect(policy.ownersOf('purchase-order')).toEqual(['sap-de']);
    expect(policy.typesReceivedBy('sap-de')).toEqual(['inventory-level', 'goods-receipt']);
    expect(policy.kindOf('sap-de')).toBe('sap');
  });

  it('names the file and the offending entry when the policy breaks a rule', () => {
    const path = testdata('reverse-owner.policy.yml');

    expect(() => loadPolicyFile(path)).toThrow(
      `ownership policy ${path} is invalid (1 problem):\n` +
        '  - entityTypes[0].receivers[1]: odoo owns inventory-level and cannot also receive it (data flows from the owner only)',
    );
  });

  it('refuses overlapping scopes at start, naming the type, the warehouse and both owners', () => {
    const path = testdata('overlapping-scopes.policy.yaml');

    expect(() => loadPolicyFile(path)).toThrow(
      `ownership policy ${path} is invalid (1 problem):\n` +
        '  - entityTypes[0].scopes[1].values[0]: overlapping scopes: inventory-level warehouse WH-US is in scopes[0] (owner wms) and scopes[1] (owner bc-us); exactly one owner per (inventory-level, warehouse)',
    );
  });

  it('refuses uncovered scopes at start, naming the type and the warehouse it leaves out', () => {
    const path = testdata('uncovered-scopes.policy.yaml');

    expect(() => loadPolicyFile(path)).toThrow(
      `ownership policy ${path} is invalid (1 problem):\n` +
        "  - entityTypes[1].scopes: uncovered scopes: goods-receipt has no scope for warehouse WH-US (named by inventory-level); add them to a scope, or add a scope with values: '*'",
    );
  });

  it('refuses a YAML key given twice instead of keeping the last one', () => {
    expect(caught(() => loadPolicyFile(testdata('duplicate-key.policy.yaml')))).toMatchObject({
      code: 'OWNERSHIP_POLICY_INVALID',
      issues: [
        {
          path: '(file)',
          reason: expect.stringContaining('not valid YAML: Map keys must be unique') as unknown,
        },
      ],
    });
  });

  it('refuses malformed JSON', () => {
    expect(caught(() => loadPolicyFile(testdata('broken.policy.json')))).toMatchObject({
      code: 'OWNERSHIP_POLICY_INVALID',
      issues: [{ path: '(file)', reason: expect.stringContaining('not valid JSON') as unknown }],
    });
  });

  it('refuses a missing file with its own code', () => {
    const path = testdata('no-such-policy.yaml');

    expect(caught(() => loadPolicyFile(path))).toMatchObject({
      code: 'OWNERSHIP_POLICY_UNREADABLE',
      retriable: false,
      path,
    });
    expect(() => loadPolicyFile(path)).toThrow(`ownership policy ${path} cannot be read: ENOENT`);
  });
});
