/**
 * Every app's settings, written from its `defineConfig` into two places: the table in the
 * app's README (block `config-reference`) and the app's section of docs/configuration.md
 * (block `settings:<app>`), so neither can drift from the code. Each app has a script that
 * writes both and a spec that fails when either is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { replaceReferenceBlock } from './reference-block';
import { renderConfigReference } from './render-config-reference';
import type { SettingEntry } from './define-config';

export interface AppSettingsDocs {
  /** The app's directory name under apps/ (also its section in docs/configuration.md). */
  readonly app: string;
  readonly config: { readonly settings: readonly SettingEntry[] };
  /** The repository root; the README is apps/<app>/README.md. */
  readonly root: string;
}

export const CONFIGURATION_DOC = 'docs/configuration.md';

interface DocFile {
  readonly path: string;
  readonly current: string;
  readonly next: string;
}

function docFiles(docs: AppSettingsDocs): DocFile[] {
  const table = renderConfigReference(docs.config);
  const readme = join(docs.root, 'apps', docs.app, 'README.md');
  const configuration = join(docs.root, CONFIGURATION_DOC);
  return [
    { path: readme, block: 'config-reference' },
    { path: configuration, block: `settings:${docs.app}` },
  ].map(({ path, block }) => {
    const current = readFileSync(path, 'utf8');
    return { path, current, next: replaceReferenceBlock(current, block, table) };
  });
}

/** The files whose settings tables differ from the configuration (empty: up to date). */
export function staleSettingsDocs(docs: AppSettingsDocs): string[] {
  return docFiles(docs)
    .filter((file) => file.current !== file.next)
    .map((file) => file.path);
}

/** Rewrites the app's README table and its docs/configuration.md section; returns what changed. */
export function writeSettingsDocs(docs: AppSettingsDocs): string[] {
  const changed = docFiles(docs).filter((file) => file.current !== file.next);
  for (const file of changed) writeFileSync(file.path, file.next);
  return changed.map((file) => file.path);
}
