/**
 * The console at scale: open dead letters grouped by target and error code (thousands of
 * one failure are one row), and bulk retry, resolve or discard of a group or a filter behind
 * a confirmation that shows how many items it will change. Retries go out as operator
 * retries, through the scheduler's gate.
 */
import type { BulkAction } from '../actions/dead-letter-actions';
import type { ItemGroup } from '../store/item-store';
import { html, type SafeHtml } from './html';
import { layout } from './layout';

/** An ISO instant as people read it, the exact value on hover. */
export function when(iso: string | number | null): SafeHtml | string {
  if (iso === null) return '—';
  const exact = typeof iso === 'number' ? new Date(iso).toISOString() : iso;
  return html`<time datetime="${exact}" title="${exact}"
    >${exact.replace('T', ' ').slice(0, 19)} UTC</time
  >`;
}

/**
 * The filter of one group: its target and error code, open items only, within whatever
 * else the list is filtered by (entity type, time range…).
 */
export function groupQuery(
  group: ItemGroup,
  filter: Readonly<Record<string, string>> = {},
): URLSearchParams {
  const query = new URLSearchParams({ ...filter, status: 'open' });
  query.delete('target');
  query.delete('errorCode');
  if (group.target !== null) query.set('target', group.target);
  if (group.errorCode !== null) query.set('errorCode', group.errorCode);
  return query;
}

/** Links to the confirmation page of each bulk action for the items `query` selects. */
export function bulkLinks(query: string, label: string): SafeHtml {
  return html`<span class="bulk-links">
    <a class="bulk bulk-retry" href="/bulk/retry?${query}">Retry ${label}…</a>
    <a class="bulk bulk-resolve" href="/bulk/resolve?${query}">Resolve ${label}…</a>
    <a class="bulk bulk-discard" href="/bulk/discard?${query}">Discard ${label}…</a>
  </span>`;
}

export function groupsTable(
  groups: readonly ItemGroup[],
  canAct: boolean,
  filter: Readonly<Record<string, string>> = {},
): SafeHtml | null {
  if (groups.length === 0) return null;
  return html`<h2>By target and error code</h2>
    <table class="groups">
      <thead>
        <tr>
          <th>Target</th>
          <th>Error code</th>
          <th>Items</th>
          <th>First</th>
          <th>Last</th>
          <th></th>
        </tr>
      </thead>
      <tbody>
        ${groups.map((group) => {
          const query = groupQuery(group, filter).toString();
          return html`<tr data-group="${group.target ?? ''}/${group.errorCode ?? ''}">
            <td>${group.target ?? '—'}</td>
            <td><a href="/?${query}">${group.errorCode ?? '(none)'}</a></td>
            <td class="count">${group.count}</td>
            <td>${when(group.firstAt)}</td>
            <td>${when(group.lastAt)}</td>
            <td>${canAct ? bulkLinks(query, 'all') : null}</td>
          </tr>`;
        })}
      </tbody>
    </table>`;
}

export interface BulkConfirmation {
  readonly action: BulkAction;
  readonly fields: Readonly<Record<string, string>>;
  readonly matched: number;
  readonly limit: number;
  readonly user: string;
  readonly problem?: string;
}

const VERBS: Readonly<Record<BulkAction, { readonly verb: string; readonly which: string }>> = {
  retry: { verb: 'Retry', which: 'open' },
  resolve: { verb: 'Resolve', which: 'open or retrying' },
  discard: { verb: 'Discard', which: 'open or retrying' },
};

export function bulkConfirmPage(confirmation: BulkConfirmation): string {
  const { action, fields, matched, limit, user, problem } = confirmation;
  const { verb, which } = VERBS[action];
  const described = Object.entries(fields)
    .map(([name, value]) => `${name} ${value}`)
    .join(', ');
  const noteRequired = action !== 'retry';
  return layout(
    `${verb} by filter`,
    html`<h1>${verb} ${matched} ${which} dead letters?</h1>
      <p>Filter: ${described === '' ? 'none' : described}.</p>
      ${problem === undefined ? null : html`<p class="error" role="alert">${problem}</p>`}
      ${
        matched === 0
          ? html`<p>Nothing to ${action}.</p>`
          : matched > limit
            ? html`<p class="error">
                One bulk action changes at most ${limit} items; narrow the filter.
              </p>`
            : html`<form method="post" action="/bulk/${action}">
                ${Object.entries(fields).map(
                  ([name, value]) => html`<input type="hidden" name="${name}" value="${value}" />`,
                )}
                <input type="hidden" name="expected" value="${matched}" />
                <label
                  >Note${noteRequired ? ' (required)' : ''}
                  <textarea
                    name="note"
                    maxlength="2000"
                    rows="2"
                    cols="40"
                    ${noteRequired ? html`required` : null}
                  ></textarea>
                </label>
                <p>
                  <button type="submit">${verb} ${matched} items</button>
                  <a href="/?${new URLSearchParams(fields).toString()}">Cancel</a>
                </p>
              </form>`
      }`,
    { user },
  );
}
