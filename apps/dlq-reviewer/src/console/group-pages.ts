/**
 * The console at scale: open dead letters grouped by target and error code (thousands of
 * one failure are one row), and bulk retry of a group behind a confirmation that shows how
 * many items it will move. Retries go out as operator retries, through the scheduler's gate.
 */
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

/** The filter of one group: its target and error code, open items only. */
export function groupQuery(group: ItemGroup): URLSearchParams {
  const query = new URLSearchParams({ status: 'open' });
  if (group.target !== null) query.set('target', group.target);
  if (group.errorCode !== null) query.set('errorCode', group.errorCode);
  return query;
}

export function groupsTable(groups: readonly ItemGroup[], canAct: boolean): SafeHtml | null {
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
          const query = groupQuery(group).toString();
          return html`<tr data-group="${group.target ?? ''}/${group.errorCode ?? ''}">
            <td>${group.target ?? '—'}</td>
            <td><a href="/?${query}">${group.errorCode ?? '(none)'}</a></td>
            <td class="count">${group.count}</td>
            <td>${when(group.firstAt)}</td>
            <td>${when(group.lastAt)}</td>
            <td>
              ${canAct ? html`<a class="bulk" href="/bulk-retry?${query}">Retry all…</a>` : null}
            </td>
          </tr>`;
        })}
      </tbody>
    </table>`;
}

export interface BulkConfirmation {
  readonly fields: Readonly<Record<string, string>>;
  readonly matched: number;
  readonly limit: number;
  readonly user: string;
  readonly problem?: string;
}

export function bulkConfirmPage(confirmation: BulkConfirmation): string {
  const { fields, matched, limit, user, problem } = confirmation;
  const described = Object.entries(fields)
    .map(([name, value]) => `${name} ${value}`)
    .join(', ');
  return layout(
    'Retry a group',
    html`<h1>Retry ${matched} open dead letters?</h1>
      <p>Filter: ${described === '' ? 'none' : described}.</p>
      ${problem === undefined ? null : html`<p class="error" role="alert">${problem}</p>`}
      ${
        matched === 0
          ? html`<p>Nothing to retry.</p>`
          : matched > limit
            ? html`<p class="error">One bulk retry moves at most ${limit}; narrow the filter.</p>`
            : html`<form method="post" action="/bulk-retry">
                ${Object.entries(fields).map(
                  ([name, value]) => html`<input type="hidden" name="${name}" value="${value}" />`,
                )}
                <input type="hidden" name="expected" value="${matched}" />
                <label
                  >Note <textarea name="note" maxlength="2000" rows="2" cols="40"></textarea>
                </label>
                <p>
                  <button type="submit">Retry ${matched} items</button>
                  <a href="/?${new URLSearchParams(fields).toString()}">Cancel</a>
                </p>
              </form>`
      }`,
    { user },
  );
}
