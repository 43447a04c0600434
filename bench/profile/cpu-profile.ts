/**
 * A V8 CPU profile (`node --cpu-prof`, what `--profile` leaves in bench/results/profiles/)
 * reduced to what bounds an app: the functions and the packages that spend the most time
 * themselves (self) and below them (inclusive), as shares of the time the process was busy.
 */

/** The part of a .cpuprofile this reads. */
export interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly startTime: number;
  readonly endTime: number;
  /** The node on top of the stack at each sample. */
  readonly samples?: readonly number[];
  /** Microseconds before each sample. */
  readonly timeDeltas?: readonly number[];
}

export interface ProfileNode {
  readonly id: number;
  readonly callFrame: {
    readonly functionName: string;
    readonly url: string;
    /** 0-based, as V8 gives it. */
    readonly lineNumber: number;
    readonly columnNumber: number;
  };
  readonly hitCount?: number;
  readonly children?: readonly number[];
}

/** Where a frame's code comes from: a file (source-mapped where the script has a map) and its group. */
export interface FrameSource {
  /** Repository-relative file, `node:…`, or the script's URL. */
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** A package (`kafkajs`), a workspace project (`@hub/messaging`), `node` or `v8`. */
  readonly group: string;
}

export type Locate = (frame: ProfileNode['callFrame']) => FrameSource;

export interface FrameShare {
  readonly function: string;
  readonly file: string;
  readonly group: string;
  readonly selfMs: number;
  /** Of the busy time. */
  readonly selfPercent: number;
  readonly inclusiveMs: number;
  readonly inclusivePercent: number;
}

export interface GroupShare {
  readonly group: string;
  readonly selfMs: number;
  readonly selfPercent: number;
  /**
   * Self time with Node's and native frames (socket writes, timers, streams) charged to the
   * nearest caller that is a package or project: who asked for that work.
   */
  readonly chargedPercent: number;
  readonly inclusiveMs: number;
  readonly inclusivePercent: number;
}

export interface ProfileSummary {
  readonly sampledMs: number;
  /** Sampled time minus `(idle)`: the share base. */
  readonly busyMs: number;
  /** The samples counted (those from `fromMs` on). */
  readonly samples: number;
  /** Samples before this many ms into the profile were left out. */
  readonly fromMs: number;
  /** The whole profile's length. */
  readonly profileMs: number;
  readonly topSelf: readonly FrameShare[];
  readonly topInclusive: readonly FrameShare[];
  readonly groups: readonly GroupShare[];
}

/** V8's own pseudo-frames: not code of any package. */
const pseudoFrames = new Set(['(root)', '(program)', '(idle)', '(garbage collector)']);
/** Groups whose time is done for a caller: charged to it in chargedPercent. */
const runtimeGroups = new Set(['node', 'native']);

/** The group of a script URL that has no source map (or a frame the map does not cover). */
export function groupOfFile(file: string): string {
  if (file === '') return 'native';
  if (file.startsWith('node:')) return 'node';
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file);
  if (modules?.[1] !== undefined) return modules[1];
  const workspace = /(?:^|\/)(libs|apps|tools)\/([^/]+)\//.exec(file);
  if (workspace?.[1] !== undefined && workspace[2] !== undefined)
    return workspace[1] === 'libs' ? `@hub/${workspace[2]}` : `${workspace[1]}/${workspace[2]}`;
  return file;
}

const round = (value: number): number => Math.round(value * 10) / 10;

interface Accumulator {
  readonly function: string;
  readonly file: string;
  readonly group: string;
  selfUs: number;
  inclusiveUs: number;
}

/**
 * Self time: the samples a function was on top of the stack. Inclusive: the samples it was
 * anywhere on the stack (counted once per sample, so recursion does not count twice).
 * Functions are told apart by name, file and line.
 */
export function summarizeProfile(
  profile: CpuProfile,
  locate: Locate,
  top = 25,
  /** Leaves out the samples taken before this many ms into the profile (the start-up, say). */
  fromMs = 0,
): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id);

  const functions = new Map<string, Accumulator>();
  const functionOf = new Map<number, Accumulator | undefined>();
  const accumulatorOf = (id: number): Accumulator | undefined => {
    if (functionOf.has(id)) return functionOf.get(id);
    const node = byId.get(id);
    let found: Accumulator | undefined;
    if (node !== undefined && node.callFrame.functionName !== '(root)') {
      const frame = node.callFrame;
      const pseudo = pseudoFrames.has(frame.functionName);
      const source = pseudo ? { file: '', line: 0, group: 'v8' } : locate(frame);
      const name = frame.functionName === '' ? '(anonymous)' : frame.functionName;
      const key = `${name}\u0000${source.file}\u0000${String(source.line)}`;
      found = functions.get(key);
      if (found === undefined) {
        found = {
          function: name,
          file: pseudo ? '' : `${source.file}:${String(source.line)}`,
          group: source.group,
          selfUs: 0,
          inclusiveUs: 0,
        };
        functions.set(key, found);
      }
    }
    functionOf.set(id, found);
    return found;
  };

  // Each sample's duration: its time delta (the sampling interval before it), as DevTools does.
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  const groupSelf = new Map<string, number>();
  const groupInclusive = new Map<string, number>();
  const groupCharged = new Map<string, number>();
  let sampledUs = 0;
  let idleUs = 0;
  // A sample's time is the profile's start plus every delta up to and including its own.
  let sinceStartUs = 0;
  let counted = 0;
  samples.forEach((id, index) => {
    const us = Math.max(0, deltas[index] ?? 0);
    sinceStartUs += deltas[index] ?? 0;
    if (sinceStartUs < fromMs * 1000) return;
    counted += 1;
    sampledUs += us;
    const topFunction = accumulatorOf(id);
    if (topFunction === undefined) return;
    if (topFunction.function === '(idle)') {
      idleUs += us;
      return;
    }
    topFunction.selfUs += us;
    groupSelf.set(topFunction.group, (groupSelf.get(topFunction.group) ?? 0) + us);
    const seen = new Set<Accumulator>();
    const seenGroups = new Set<string>();
    let charged: string | undefined;
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const on = accumulatorOf(at);
      if (on === undefined) continue;
      if (charged === undefined && !runtimeGroups.has(on.group)) charged = on.group;
      if (seen.has(on)) continue;
      seen.add(on);
      on.inclusiveUs += us;
      if (!seenGroups.has(on.group)) {
        seenGroups.add(on.group);
        groupInclusive.set(on.group, (groupInclusive.get(on.group) ?? 0) + us);
      }
    }
    const to = charged ?? topFunction.group;
    groupCharged.set(to, (groupCharged.get(to) ?? 0) + us);
  });

  const busyUs = sampledUs - idleUs;
  const percent = (us: number): number => (busyUs > 0 ? round((100 * us) / busyUs) : 0);
  const share = (entry: Accumulator): FrameShare => ({
    function: entry.function,
    file: entry.file,
    group: entry.group,
    selfMs: round(entry.selfUs / 1000),
    selfPercent: percent(entry.selfUs),
    inclusiveMs: round(entry.inclusiveUs / 1000),
    inclusivePercent: percent(entry.inclusiveUs),
  });
  const all = [...functions.values()].filter((entry) => entry.function !== '(idle)');
  const groups = [...new Set([...groupSelf.keys(), ...groupInclusive.keys()])].map((group) => {
    const selfUs = groupSelf.get(group) ?? 0;
    const inclusiveUs = groupInclusive.get(group) ?? 0;
    return {
      group,
      selfMs: round(selfUs / 1000),
      selfPercent: percent(selfUs),
      chargedPercent: percent(groupCharged.get(group) ?? 0),
      inclusiveMs: round(inclusiveUs / 1000),
      inclusivePercent: percent(inclusiveUs),
    };
  });
  return {
    sampledMs: round(sampledUs / 1000),
    busyMs: round(busyUs / 1000),
    samples: counted,
    fromMs,
    profileMs: round((profile.endTime - profile.startTime) / 1000),
    topSelf: [...all]
      .sort((a, b) => b.selfUs - a.selfUs)
      .slice(0, top)
      .map(share),
    topInclusive: all
      .filter((entry) => !pseudoFrames.has(entry.function))
      .sort((a, b) => b.inclusiveUs - a.inclusiveUs)
      .slice(0, top)
      .map(share),
    groups: groups.sort((a, b) => b.chargedPercent - a.chargedPercent || b.selfMs - a.selfMs),
  };
}
