/** Rewrites k8s/ from tools/deploy/src/k8s (the manifests are generated; see manifest-files.ts). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { manifestFiles } from './manifest-files';

async function main(): Promise<void> {
  const root = resolve(__dirname, '../../../..');
  const options = (await resolveConfig(join(root, 'k8s/base/kustomization.yaml'))) ?? {};
  for (const [path, content] of Object.entries(manifestFiles(root))) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    // Formatted as `npm run format` would, so it leaves them alone.
    writeFileSync(
      join(root, path),
      await format(content, { ...options, parser: path.endsWith('.json') ? 'json' : 'yaml' }),
    );
    console.log(path);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
