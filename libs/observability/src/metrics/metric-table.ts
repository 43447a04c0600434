/** The README's metric table, generated from METRICS so the documentation cannot drift. */
import { METRICS, type MetricDefinition } from './metric-names';

export function metricTable(): string {
  const rows = Object.values<MetricDefinition>(METRICS).map(
    (metric) =>
      `| \`${metric.name}\` | ${metric.type} | ${metric.labelNames.length === 0 ? '—' : metric.labelNames.join(', ')} | ${metric.help} |`,
  );
  return ['| metric | kind | labels | meaning |', '| --- | --- | --- | --- |', ...rows].join('\n');
}
