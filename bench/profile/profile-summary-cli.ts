/**
 * `npm run bench:profile-summary -- [--app connector-odoo] [--top 25] [--from-seconds 0]
 *   [--label name] [files…]`
 *
 * Reads the V8 CPU profiles that `--profile <app>` left in bench/results/profiles/<app>/ (or
 * the files given), maps the bundle's frames back to the sources through its source map, and
 * prints per profile the top functions by self and by inclusive time and the time per package
 * or workspace project. Writes bench/results/profile-<label>.{json,md} (label: the app).
 * `--from-seconds N` leaves out each profile's first N seconds: a process's start (loading
 * modules, connecting) otherwise weighs on the shares of the work that follows.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  groupOfFile,
  summarizeProfile,
  type CpuProfile,
  type FrameShare,
  type Locate,
  type ProfileSummary,
} from './cpu-profile';

const root = resolve(__dirname, '../..');

/** Frames of scripts with a source map (the app bundles) are reported at their source line. */
function sourceLocator(): Locate {
  const maps = new Map<string, SourceMap | undefined>();
  const mapOf = (script: string): SourceMap | undefined => {
    if (!maps.has(script)) {
      const file = `${script}.map`;
      maps.set(
        script,
        existsSync(file)
          ? new SourceMap(JSON.parse(readFileSync(file, 'utf8')) as never)
          : undefined,
      );
    }
    return maps.get(script);
  };
  const fromRoot = (path: string): string => {
    const inRepo = relative(root, path);
    return inRepo.startsWith('..') ? path : inRepo;
  };
  const named = (path: string): string => {
    const inPackage = /.*\/(node_modules\/.*)$/.exec(path);
    return inPackage?.[1] ?? fromRoot(path);
  };
  return (frame) => {
    if (frame.url === '') return { file: '(native)', line: 0, group: 'native' };
    if (!frame.url.startsWith('file://')) {
      return { file: frame.url, line: frame.lineNumber + 1, group: groupOfFile(frame.url) };
    }
    const script = fileURLToPath(frame.url);
    // Packages' own maps point at their authors' machines: a package is named by its folder.
    const mapped = script.includes('/node_modules/') ? undefined : mapOf(script);
    const entry = mapped?.findEntry(frame.lineNumber, frame.columnNumber);
    if (entry !== undefined && 'originalSource' in entry) {
      const file = fromRoot(resolve(dirname(script), entry.originalSource));
      return { file, line: entry.originalLine + 1, group: groupOfFile(file) };
    }
    const file = named(script);
    return { file, line: frame.lineNumber + 1, group: groupOfFile(file) };
  };
}

function table(title: string, rows: readonly FrameShare[], by: 'self' | 'inclusive'): string[] {
  const lines = [
    `### ${title}`,
    '',
    '| function | file | package | self % | inclusive % |',
    '| --- | --- | --- | ---: | ---: |',
  ];
  for (const row of rows)
    lines.push(
      `| ${row.function} | ${row.file} | ${row.group} | ${row.selfPercent.toFixed(1)} | ${row.inclusivePercent.toFixed(1)} |`,
    );
  if (by === 'self') lines.push('');
  return lines;
}

function markdown(name: string, summary: ProfileSummary): string {
  const groups = [
    '### Time per package or project',
    '',
    'charged: self time with Node and native frames (socket writes, streams, timers) charged',
    'to the nearest package or project that called them.',
    '',
    '| package | charged % | self % | inclusive % |',
    '| --- | ---: | ---: | ---: |',
    ...summary.groups
      .slice(0, 20)
      .map(
        (group) =>
          `| ${group.group} | ${group.chargedPercent.toFixed(1)} | ${group.selfPercent.toFixed(1)} | ${group.inclusivePercent.toFixed(1)} |`,
      ),
  ];
  return [
    `## ${name}`,
    '',
    (summary.fromMs > 0
      ? `From ${(summary.fromMs / 1000).toFixed(1)} s of ${(summary.profileMs / 1000).toFixed(1)} s on: `
      : '') +
      `${summary.samples} samples, ${(summary.sampledMs / 1000).toFixed(1)} s sampled, ` +
      `${(summary.busyMs / 1000).toFixed(1)} s busy (percentages are of the busy time)`,
    '',
    ...groups,
    '',
    ...table('Top functions by self time', summary.topSelf, 'self'),
    ...table('Top functions by inclusive time', summary.topInclusive, 'inclusive'),
    '',
  ].join('\n');
}

function main(): void {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      app: { type: 'string', default: 'connector-odoo' },
      top: { type: 'string', default: '25' },
      label: { type: 'string' },
      'from-seconds': { type: 'string', default: '0' },
    },
  });
  const directory = join(root, 'bench/results/profiles', values.app);
  const files =
    positionals.length > 0
      ? positionals.map((file) => resolve(file))
      : existsSync(directory)
        ? readdirSync(directory)
            .filter((file) => file.endsWith('.cpuprofile'))
            .map((file) => join(directory, file))
            .sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs)
        : [];
  if (files.length === 0) throw new Error(`no .cpuprofile in ${directory} (run with --profile)`);
  const top = Number(values.top);
  const fromSeconds = Number(values['from-seconds']);
  if (!Number.isFinite(fromSeconds) || fromSeconds < 0)
    throw new Error(
      `--from-seconds must be a number of seconds >= 0, not ${values['from-seconds']}`,
    );
  const locate = sourceLocator();
  const summaries = files.map((file) => ({
    file: basename(file),
    ...summarizeProfile(
      JSON.parse(readFileSync(file, 'utf8')) as CpuProfile,
      locate,
      top,
      fromSeconds * 1000,
    ),
  }));
  const label = values.label ?? values.app;
  const text = summaries.map((summary) => markdown(summary.file, summary)).join('\n');
  const out = join(root, 'bench/results', `profile-${label}`);
  writeFileSync(
    `${out}.json`,
    `${JSON.stringify({ app: values.app, profiles: summaries }, null, 2)}\n`,
  );
  writeFileSync(`${out}.md`, `# CPU profile of ${values.app}\n\n${text}`);
  console.log(text);
  console.log(`written: ${relative(root, out)}.{json,md}`);
}

main();
