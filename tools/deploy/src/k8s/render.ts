/** Renders an overlay with `kubectl kustomize` (kubectl must be installed: a clear error otherwise). */
import { spawnSync } from 'node:child_process';
import { parseAllDocuments } from 'yaml';

export interface RenderedObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: {
    readonly name: string;
    readonly namespace?: string;
    readonly labels?: Record<string, string>;
  };
  readonly [field: string]: unknown;
}

export function renderOverlay(dir: string): RenderedObject[] {
  const run = spawnSync('kubectl', ['kustomize', dir], {
    encoding: 'utf8',
    timeout: 60_000,
    maxBuffer: 32 * 1024 * 1024,
  });
  if (run.error && (run.error as NodeJS.ErrnoException).code === 'ENOENT') {
    throw new Error(
      'kubectl is not installed or not on PATH: the manifest tests render every overlay with `kubectl kustomize` ' +
        '(install kubectl 1.27+; no cluster is needed).',
    );
  }
  if (run.status !== 0)
    throw new Error(`kubectl kustomize ${dir} failed: ${run.stderr || String(run.error)}`);
  return parseAllDocuments(run.stdout)
    .map((document) => document.toJSON() as RenderedObject | null)
    .filter((object): object is RenderedObject => object !== null);
}
