/**
 * Summarizes a .cpuprofile (profile-sides.ts writes them): time per step of a request (each
 * sample charged to the deepest frame on its stack that belongs to a step below, so Node's
 * own code counts for whoever called it; V8's pseudo-frames such as the garbage collector
 * count for themselves), self time per package or repo file, and inclusive time of the
 * frames whose name or file matches each --frame pattern (a sample counts once per pattern
 * however deep the recursion). Idle time and the profiler's own stop call are left out of
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

/** The steps of a request, matched against a frame's file and function name, in this order. */
const STEPS: readonly (readonly [string, RegExp])[] = [
  ['autocannon (the load, in the same process)', /autocannon|hdr-histogram|http-parser-js|retimer/],
  ['kafkajs', /node_modules\/kafkajs\//],
  ['produce batcher', /produce-batcher/],
  ['prom-client', /node_modules\/prom-client\//],
  ['OpenTelemetry spans', /@opentelemetry|tracing\/spans/],
  ['signature', /wms-signature/],
  ['JSON.parse and depth check', /webhook-common\/content-type/],
  ['body → canonical payload', /wms-envelope|json-form|parse-canonical/],
  ['event (createEvent)', /wms-event|create-event|correlation-id|canonical-json/],
  ['Avro encoding', /serde|avro|avsc/],
  ['hub headers', /header-codec/],
  ['publisher', /event-publisher|publish-accepted/],
  ['ownership and routing', /ownership|known-system|reverse-direction/],
  ['route, other', /wms-webhook|request-parts|bare-fastify/],
  [
    'ingress hooks',
    /slow-body|auth-failure|rate-limit|create-ingress-app|webhook-metrics|raw-body-parser/,
  ],
  ["Fastify's content-type parser", /content-type-parser|fastify\/lib\/content-type/],
  ['Nest', /@nestjs|middie/],
  [
    'Fastify',
    /node_modules\/(fastify|find-my-way|light-my-request|fast-json-stringify|secure-json-parse|avvio)\//,
  ],
];

/** Where a frame's code lives: an npm package, a repo file, Node itself or a V8 pseudo-frame. */
export function placeOf(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (url === '') return functionName.startsWith('(') ? functionName : `(native) ${functionName}`;
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules?.[1] !== undefined) return modules[1];
  if (url.startsWith('node:')) return url;
  return /\/((?:apps|libs|bench|tools)\/.*)$/.exec(url)?.[1] ?? url;
}

function main(): void {
  const file = positionals[0];
  if (file === undefined) throw new Error('usage: profile-summary <file.cpuprofile>');
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id);
  // Stopping the profiler (an inspector call) is sampled too; it is not the server's work.
  const isProfilerItself = (id: number): boolean => {
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at))
      if (byId.get(at)?.callFrame.url === 'node:inspector') return true;
    return false;
  };
  const patterns = args.frame.map((source) => ({ source, regex: new RegExp(source) }));
  const stepOf = (id: number): string => {
    const leaf = byId.get(id)?.callFrame;
    if (leaf?.url === '' && leaf.functionName.startsWith('(')) return leaf.functionName;
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)?.callFrame;
      const label = `${frame?.url ?? ''} ${frame?.functionName ?? ''}`;
      const step = STEPS.find(([, regex]) => regex.test(label));
      if (step !== undefined) return step[0];
    }
    return "Node's HTTP, streams, buffers and the rest";
  };
  const steps = new Map<string, number>();
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let busy = 0;
  profile.samples.forEach((id, n) => {
    const delta = profile.timeDeltas[n] ?? 0;
    const node = byId.get(id);
    if (node === undefined) return;
    const place = placeOf(node.callFrame);
    if (place === '(idle)' || isProfilerItself(id)) return;
    busy += delta;
    self.set(place, (self.get(place) ?? 0) + delta);
    const step = stepOf(id);
    steps.set(step, (steps.get(step) ?? 0) + delta);
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
  const sorted = (times: Map<string, number>): [string, number][] =>
    [...times].sort((a, b) => b[1] - a[1]);
  process.stdout.write(`busy ${(busy / 1e6).toFixed(2)} s\n-- per step\n`);
  for (const [step, micros] of sorted(steps)) process.stdout.write(`${show(micros)}  ${step}\n`);
  process.stdout.write('-- self time by place\n');
  for (const [place, micros] of sorted(self).slice(0, Number(args.top)))
    process.stdout.write(`${show(micros)}  ${place}\n`);
  if (patterns.length > 0) process.stdout.write('-- inclusive time of frames\n');
  for (const { source } of patterns)
    process.stdout.write(`${show(inclusive.get(source) ?? 0)}  ${source}\n`);
}

main();
