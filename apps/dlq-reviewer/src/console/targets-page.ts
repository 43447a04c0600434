/**
 * /targets: per target, the open dead letters, the retry scheduler's state when configured,
 * the operators' orders, the connector's lag and rate; for operators, the target controls,
 * each behind a confirmation page (see src/controls/control-console.ts).
 */
import type { TargetOverview, TargetRow } from '../api/target-overview';
import { CONSOLE_ORDERS, type ConsoleOrder } from '../controls/console-orders';
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

function controlCells(row: TargetRow): SafeHtml {
  const { control, flow } = row;
  const state =
    control === null
      ? html`<td class="control">—</td>`
      : html`<td
          class="control"
          data-paused="${String(control.paused)}"
          data-force="${control.breaker}"
        >
          ${control.paused ? html`<strong class="paused">paused</strong>` : 'running'}
          ${control.breaker === 'auto' ? null : html`<br /><strong>breaker forced ${control.breaker}</strong>`}
          ${control.changedBy === null ? null : html`<br /><small>by ${control.changedBy}, ${when(control.changedAt)}</small>`}
        </td>`;
  return html`${state}
    <td class="lag">${flow === null ? '—' : flow.lag}</td>
    <td class="rate">${flow?.ratePerSecond ?? '—'}</td>`;
}

/** The orders that make sense now (pause or resume, the breaker forces not in place, pull-forward). */
function offered(row: TargetRow): ConsoleOrder[] {
  const control = row.control;
  return CONSOLE_ORDERS.filter((order) => {
    if (order.name === 'pause') return control?.paused !== true;
    if (order.name === 'resume') return control?.paused === true;
    if (order.order.kind === 'breaker') return control?.breaker !== order.order.force;
    return true;
  });
}

function controlLinks(row: TargetRow): SafeHtml {
  if (row.target === null) return html`<td></td>`;
  const target = row.target;
  return html`<td class="controls">
    ${offered(row).map(
      (order) =>
        html`<a class="order order-${order.name}" href="/targets/${target}/${order.name}"
          >${order.label}…</a
        > `,
    )}
  </td>`;
}

export function targetsPage(overview: TargetOverview, user: string, operator = false): string {
  const asked = overview.scheduler.state === 'reachable';
  return layout(
    'Targets',
    html`<h1>Targets</h1>
      ${schedulerNote(overview.scheduler)}
      ${overview.flowError === undefined ? null : html`<p class="error" role="alert">Lag and rate: ${overview.flowError}</p>`}
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
            <th>Orders</th>
            <th>Lag</th>
            <th>Events/s</th>
            ${operator ? html`<th>Controls</th>` : null}
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
                ${schedulerCells(row, asked)} ${controlCells(row)}
                ${operator ? controlLinks(row) : null}
              </tr>`,
          )}
        </tbody>
      </table>
      ${overview.targets.length === 0 ? html`<p>No open dead letters and no pending retries.</p>` : null}`,
    { user },
  );
}

/** The confirmation of one order: what it does, a note, and the button that does it. */
export function targetOrderPage(
  target: string,
  order: ConsoleOrder,
  user: string,
  problem?: string,
): string {
  return layout(
    `${order.label} ${target}`,
    html`<h1>${order.label} ${target}?</h1>
      <p class="effect">${order.explain(target)}</p>
      ${problem === undefined ? null : html`<p class="error" role="alert">${problem}</p>`}
      <form method="post" action="/targets/${target}/${order.name}">
        <label
          >Note (for the audit log)
          <textarea name="note" maxlength="2000" rows="2" cols="40"></textarea>
        </label>
        <p>
          <button type="submit">${order.label} ${target}</button>
          <a href="/targets">Cancel</a>
        </p>
      </form>`,
    { user },
  );
}
