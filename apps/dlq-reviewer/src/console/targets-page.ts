/** /targets: per target, the open dead letters and, when configured, the retry scheduler's state. */
import type { TargetOverview, TargetRow } from '../api/target-overview';
import { html, type SafeHtml } from './html';
import { when } from './group-pages';
import { layout } from './layout';

function schedulerNote(scheduler: TargetOverview['scheduler']): SafeHtml {
  if (scheduler.state === 'not-configured')
    return html`<p class="scheduler-note" data-scheduler="not-configured">
      The retry scheduler is not configured here (DLQ_SCHEDULER_STATUS_URL): breaker state and
      pending retries are not shown.
    </p>`;
  if (scheduler.state === 'unreachable')
    return html`<p class="error scheduler-note" role="alert" data-scheduler="unreachable">
      The retry scheduler could not be reached at ${scheduler.url} (${scheduler.error}); these are
      the reviewer's own numbers only.
    </p>`;
  return html`<p class="scheduler-note" data-scheduler="reachable">
    Breaker and pending retries from the retry scheduler at ${scheduler.url}.
  </p>`;
}

function targetLink(row: TargetRow, extra: Record<string, string> = {}): string {
  const query = new URLSearchParams({ status: 'open', ...extra });
  if (row.target !== null) query.set('target', row.target);
  return `/?${query.toString()}`;
}

function schedulerCells(row: TargetRow, asked: boolean): SafeHtml {
  if (!asked || row.scheduler === null)
    return html`<td class="breaker">—</td>
      <td class="pending">—</td>
      <td>—</td>`;
  const { breaker, pending, nextDueAt } = row.scheduler;
  return html`<td class="breaker breaker-${breaker}">${breaker}</td>
    <td class="pending">${pending}</td>
    <td>${when(nextDueAt)}</td>`;
}

export function targetsPage(overview: TargetOverview, user: string): string {
  const asked = overview.scheduler.state === 'reachable';
  return layout(
    'Targets',
    html`<h1>Targets</h1>
      ${schedulerNote(overview.scheduler)}
      <table class="targets">
        <thead>
          <tr>
            <th>Target</th>
            <th>Open</th>
            <th>Retrying</th>
            <th>Oldest open</th>
            <th>Top error codes (open)</th>
            <th>Breaker</th>
            <th>Pending retries</th>
            <th>Next retry due</th>
          </tr>
        </thead>
        <tbody>
          ${overview.targets.map(
            (row) =>
              html`<tr data-target="${row.target ?? ''}">
                <td><a href="${targetLink(row)}">${row.target ?? '(no target)'}</a></td>
                <td class="open">${row.open}</td>
                <td class="retrying">${row.retrying}</td>
                <td>${when(row.oldestOpenAt)}</td>
                <td class="codes">
                  ${row.topErrorCodes.map(
                    (code) =>
                      html`<a
                        class="code"
                        data-code="${code.errorCode ?? ''}"
                        href="${targetLink(row, code.errorCode === null ? {} : { errorCode: code.errorCode })}"
                        >${code.errorCode ?? '(none)'}: ${code.count}</a
                      > `,
                  )}
                </td>
                ${schedulerCells(row, asked)}
              </tr>`,
          )}
        </tbody>
      </table>
      ${overview.targets.length === 0 ? html`<p>No open dead letters and no pending retries.</p>` : null}`,
    { user },
  );
}
