/**
 * Issue #20's targets, each a ratio or a figure from one `npm run bench` run (the soak from
 * its own run, `npm run soak`), with the value measured and whether it is met. A target
 * whose figure is missing (its benchmark failed or was not run) is not met: `met: null`.
 */
export interface Target {
  readonly name: string;
  readonly value: number | null;
  readonly op: '>=' | '<=';
  readonly target: number;
  readonly unit: string;
  readonly met: boolean | null;
}

const target = (
  name: string,
  value: number | null,
  op: '>=' | '<=',
  goal: number,
  unit = '',
): Target => ({
  name,
  value,
  op,
  target: goal,
  unit,
  met: value === null ? null : op === '>=' ? value >= goal : value <= goal,
});

export interface TargetFigures {
  readonly hubOverBaseline: number | null;
  readonly cpuSteady: number | null;
  readonly cpuDrain: number | null;
  readonly ingressOverBare: number | null;
  readonly halfPeakP99Ms: number | null;
  readonly scaleOut: number | null;
  /** The soak's verdict: every app's heap floor (RSS where no /metrics) trend after warm-up below 10 %, and no growing lag. */
  readonly soakHeld: boolean | null;
}

export function targets(figures: TargetFigures): Target[] {
  return [
    target('hub drain / baseline drain', figures.hubOverBaseline, '>=', 0.5),
    target('hub CPU s per 1,000 events, steady', figures.cpuSteady, '<=', 3, ' s'),
    target('hub CPU s per 1,000 events, drain', figures.cpuDrain, '<=', 3, ' s'),
    target('ingress accepted/s / bare Fastify', figures.ingressOverBare, '>=', 0.8),
    target('ingress p99 to the 202 at half the peak', figures.halfPeakP99Ms, '<=', 10, ' ms'),
    target('two connector-odoo replicas / one', figures.scaleOut, '>=', 1.7),
    {
      name: 'soak: heap floor growth < 10 % per app, lag not growing',
      value: figures.soakHeld === null ? null : figures.soakHeld ? 1 : 0,
      op: '>=',
      target: 1,
      unit: '',
      met: figures.soakHeld,
    },
  ];
}
