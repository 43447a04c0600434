/**
 * Summarizes a .cpuprofile (profile-sides.ts writes them): self time per package or repo
 * file, and inclusive time of the frames whose name or file matches each --frame pattern
 * (a sample counts once per pattern however deep the recursion). Idle time is left out of
 * the busy total.
 *
 *   npx tsx apps/ingress/bench/profile-summary.ts <file.cpuprofile> [--requests n] [--top 40] [--frame <regex>]...
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
}
interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly children?: readonly number[];
}
interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    requests: { type: 'string' },
    top: { type: 'string', default: '40' },
    frame: { type: 'string', multiple: true, default: [] },
  },
});

/** Where a frame's code lives: an npm package, a repo file, Node itself or a V8 pseudo-frame. */
export function placeOf(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (url === '') return functionName.startsWith('(') ? functionName : `(native) ${functionName}`;
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules?.[1] !== undefined) return modules[1];
  if (url.startsWith('node:')) return url;
  const repo = /\/work\/main\/(.*)$/.exec(url);
  return repo?.[1] ?? url;
}

function main(): void {
  const file = positionals[0];
  if (file === undefined) throw new Error('usage: profile-summary <file.cpuprofile>');
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id);
  const patterns = args.frame.map((source) => ({ source, regex: new RegExp(source) }));
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let busy = 0;
  profile.samples.forEach((id, n) => {
    const delta = profile.timeDeltas[n] ?? 0;
    const node = byId.get(id);
    if (node === undefined) return;
    const place = placeOf(node.callFrame);
    if (place === '(idle)') return;
    busy += delta;
    self.set(place, (self.get(place) ?? 0) + delta);
    const matched = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)?.callFrame;
      if (frame === undefined) continue;
      const label = `${frame.functionName} ${placeOf(frame)}:${String(frame.lineNumber + 1)}`;
      for (const pattern of patterns) if (pattern.regex.test(label)) matched.add(pattern.source);
    }
    for (const source of matched) inclusive.set(source, (inclusive.get(source) ?? 0) + delta);
  });
  const requests = args.requests === undefined ? undefined : Number(args.requests);
  const show = (micros: number): string =>
    `${((100 * micros) / busy).toFixed(1).padStart(5)} %` +
    (requests === undefined ? '' : ` ${(micros / requests).toFixed(2).padStart(7)} µs/req`);
  process.stdout.write(`busy ${(busy / 1e6).toFixed(2)} s\n-- self time by place\n`);
  for (const [place, micros] of [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(args.top)))
    process.stdout.write(`${show(micros)}  ${place}\n`);
  if (patterns.length > 0) process.stdout.write('-- inclusive time of frames\n');
  for (const { source } of patterns)
    process.stdout.write(`${show(inclusive.get(source) ?? 0)}  ${source}\n`);
}

main();
