/**
 * /drift: per connector in DLQ_RECONCILE_CONNECTORS, each pair (entity type, receiver) with
 * its open and ignored items and last run, then the open items: owner value, receiver value,
 * verdict, since when. Operators get the actions as forms (re-check, repair, ignore; approve
 * a halted run; run a level now); viewers see the same page without them.
 */
import { html, type SafeHtml } from '../console/html';
import { when } from '../console/group-pages';
import { layout } from '../console/layout';
import type { ConnectorOverview } from './drift-proxy';

export interface DriftPair {
  readonly entityType: string;
  readonly open: number;
  readonly ignored: number;
  readonly lastRun: {
    readonly id: string;
    readonly level: string;
    readonly state: string;
    readonly startedAt: number;
  } | null;
}

export interface DriftItemView {
  readonly entityKey: string;
  readonly verdict: string;
  readonly ownerValue: unknown;
  readonly receiverValue: unknown;
  readonly firstSeenAt: number;
  readonly lastSeenAt: number;
}

export interface ConnectorDrift {
  readonly overview: ConnectorOverview;
  readonly mode?: string;
  readonly levels: readonly string[];
  readonly pairs: readonly { readonly pair: DriftPair; readonly items: readonly DriftItemView[] }[];
}

const value = (shown: unknown): string =>
  shown === null || shown === undefined
    ? '—'
    : typeof shown === 'string'
      ? shown
      : JSON.stringify(shown);

function postButton(action: string, label: string): SafeHtml {
  return html`<form method="post" action="${action}" class="inline">
    <button type="submit">${label}</button>
  </form>`;
}

/** L3 now, optionally within one warehouse or a key range (blank fields: the whole pair). */
function scopedRunForm(system: string): SafeHtml {
  return html`<form method="post" action="/drift/${system}/run/L3" class="inline scoped-run">
    <input name="warehouse" placeholder="warehouse" maxlength="100" aria-label="L3 warehouse" />
    <input name="fromKey" placeholder="from key" maxlength="500" aria-label="L3 from key" />
    <input name="toKey" placeholder="to key" maxlength="500" aria-label="L3 to key" />
    <button type="submit">L3</button>
  </form>`;
}

function itemRow(
  system: string,
  entityType: string,
  item: DriftItemView,
  operator: boolean,
): SafeHtml {
  const base = `/drift/${system}/${entityType}/items/${encodeURIComponent(item.entityKey)}`;
  return html`<tr data-key="${item.entityKey}" data-verdict="${item.verdict}">
    <td>${item.entityKey}</td>
    <td class="verdict">${item.verdict}</td>
    <td class="owner-value">${value(item.ownerValue)}</td>
    <td class="receiver-value">${value(item.receiverValue)}</td>
    <td>${when(item.firstSeenAt)}</td>
    <td>${when(item.lastSeenAt)}</td>
    <td>
      ${
        operator
          ? [
              postButton(`${base}/recheck`, 'Re-check'),
              // The owner never published the key: nothing to repair from, only to report.
              item.verdict === 'unknown-to-owner' ? null : postButton(`${base}/repair`, 'Repair'),
              postButton(`${base}/ignore`, 'Ignore'),
            ]
          : null
      }
    </td>
  </tr>`;
}

function pairSection(
  system: string,
  entry: ConnectorDrift['pairs'][number],
  operator: boolean,
): SafeHtml {
  const { pair, items } = entry;
  const run = pair.lastRun;
  const halted = run?.state === 'halted';
  return html`<section class="pair" data-pair="${system}/${pair.entityType}">
    <h3>${pair.entityType} → ${system}</h3>
    <p>
      <span class="open">${pair.open}</span> open,
      <span class="ignored">${pair.ignored}</span> ignored; last run:
      ${run === null ? 'none' : html`${run.level} <strong class="run-${run.state}">${run.state}</strong> ${when(run.startedAt)}`}
      ${
        halted
          ? html`<span class="error" role="alert">
                halted by the drift cap (too much drift for one run: a misconfigured pair?); nothing
                is repaired until an operator approves.</span
              >
              ${operator ? postButton(`/drift/${system}/runs/${run.id}/approve`, 'Approve run') : null}`
          : null
      }
    </p>
    ${
      items.length === 0
        ? html`<p>No open drift.</p>`
        : html`<table>
            <thead>
              <tr>
                <th>Key</th>
                <th>Kind</th>
                <th>Owner value</th>
                <th>Receiver value</th>
                <th>Since</th>
                <th>Last seen</th>
                <th></th>
              </tr>
            </thead>
            <tbody>
              ${items.map((item) => itemRow(system, pair.entityType, item, operator))}
            </tbody>
          </table>`
    }
  </section>`;
}

function connectorSection(entry: ConnectorDrift, operator: boolean): SafeHtml {
  const { overview } = entry;
  if (overview.state === 'unreachable')
    return html`<section class="connector" data-system="${overview.system}">
      <h2>${overview.system}</h2>
      <p class="error" role="alert">Could not be read: ${overview.error ?? 'unknown error'}</p>
    </section>`;
  return html`<section class="connector" data-system="${overview.system}">
    <h2>${overview.system} <small>(${entry.mode ?? '?'})</small></h2>
    ${
      operator
        ? html`<p>
            Run now:
            ${entry.levels.map((level) =>
              level === 'L3'
                ? scopedRunForm(overview.system)
                : postButton(`/drift/${overview.system}/run/${level}`, level),
            )}
          </p>`
        : null
    }
    ${
      entry.pairs.length === 0
        ? html`<p>No reconciliation run yet.</p>`
        : entry.pairs.map((pair) => pairSection(overview.system, pair, operator))
    }
  </section>`;
}

export function driftPage(
  connectors: readonly ConnectorDrift[],
  user: string,
  operator: boolean,
  message?: string,
): string {
  return layout(
    'Drift',
    html`<h1>Reconciliation drift</h1>
      ${message === undefined ? null : html`<p class="notice" role="status">${message}</p>`}
      ${
        connectors.length === 0
          ? html`<p>No connector is configured here (DLQ_RECONCILE_CONNECTORS).</p>`
          : connectors.map((entry) => connectorSection(entry, operator))
      }`,
    { user },
  );
}
