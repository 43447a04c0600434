/**
 * The one piece of I/O in this lib: reading a policy file at start-up. `.json` files are
 * read as JSON, anything else as YAML (one document).
 */
import { readFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { errorMessage } from '@hub/resilience';
import { parseDocument } from 'yaml';
import { OwnershipPolicyInvalidError, OwnershipPolicyUnreadableError } from './errors';
import type { OwnershipPolicy } from './ownership-policy';
import { parsePolicy } from './parse-policy';

/** The policy the hub ships with: WMS owns inventory levels and goods receipts, Odoo owns purchase orders. */
export const DEFAULT_POLICY_PATH = resolve(__dirname, '../policies/default.yaml');

export function loadPolicyFile(path: string): OwnershipPolicy {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error: unknown) {
    throw new OwnershipPolicyUnreadableError(path, error);
  }
  return parsePolicy(
    extname(path).toLowerCase() === '.json' ? parseJson(text, path) : parseYaml(text, path),
    path,
  );
}

function parseJson(text: string, path: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error: unknown) {
    throw syntaxError(path, errorMessage(error));
  }
}

function parseYaml(text: string, path: string): unknown {
  // Duplicate keys are errors (yaml's default), so a type cannot silently get a second owner key.
  const document = parseDocument(text);
  const [first] = document.errors;
  if (first !== undefined) throw syntaxError(path, first.message);
  return document.toJS();
}

function syntaxError(path: string, detail: string): OwnershipPolicyInvalidError {
  return new OwnershipPolicyInvalidError(path, [
    {
      path: '(file)',
      reason: `not valid ${extname(path) === '.json' ? 'JSON' : 'YAML'}: ${detail}`,
    },
  ]);
}
