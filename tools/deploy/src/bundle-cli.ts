/** `tsx tools/deploy/src/bundle-cli.ts <app>…` (no argument: every app) → dist/apps/<app>/main.js. */
import { resolve } from 'node:path';
import { APPS, DEPLOY_TOOLS, bundleApp } from './bundle';

async function main(): Promise<void> {
  const root = resolve(__dirname, '../../..');
  const apps = process.argv.length > 2 ? process.argv.slice(2) : [...APPS, DEPLOY_TOOLS];
  for (const app of apps) {
    const report = await bundleApp(app, root);
    process.stdout.write(
      `${report.file}: ${(report.bytes / 1024).toFixed(0)} KiB, external: ${Object.keys(report.externals).join(' ')}\n`,
    );
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
