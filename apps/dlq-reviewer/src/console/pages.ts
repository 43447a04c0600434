/** The console pages: sign-in, list with filters, detail with actions, refusals. */
import type { ItemPage, PagePosition } from '../api/item-queries';
import type { ItemDetail, ItemSummary } from '../api/item-views';
import { itemStatuses } from '../store/item-types';
import { html, type SafeHtml } from './html';
import { bulkLinks, when } from './group-pages';
import { layout } from './layout';

export function signinPage(problem?: string): string {
  return layout(
    'Sign in',
    html`<h1>Sign in</h1>
      ${problem === undefined ? null : html`<p class="error" role="alert">${problem}</p>`}
      <form method="post" action="/signin">
        <label
          >API token or JWT
          <input type="password" name="token" id="token" autocomplete="off" required size="60"
        /></label>
        <p><button type="submit">Sign in</button></p>
      </form>
      <p>
        The token is kept in an HttpOnly, SameSite=Strict cookie for this site until you sign out.
      </p>`,
  );
}

export function messagePage(title: string, message: string, user?: string): string {
  return layout(
    title,
    html`<h1>${title}</h1>
      <p class="error" role="alert">${message}</p>
      <p><a href="/">Back to the list</a></p>`,
    user === undefined ? {} : { user },
  );
}

const statusBadge = (status: string): SafeHtml =>
  html`<span class="status status-${status}" data-status="${status}">${status}</span>`;

const FILTER_FIELDS: readonly (readonly [name: string, label: string, hint: string])[] = [
  ['target', 'Target', 'odoo'],
  ['entityType', 'Entity type', 'inventory-level'],
  ['entityKey', 'Entity key', ''],
  ['errorCode', 'Error code', 'ERP_VALIDATION'],
  ['q', 'Error text', ''],
  ['from', 'From (UTC)', '2026-12-04 13:30'],
  ['to', 'Before (UTC)', '2026-12-05'],
];

function filterForm(query: Readonly<Record<string, string>>): SafeHtml {
  const selected = (name: string, value: string) =>
    query[name] === value ? html` selected` : null;
  return html`<form class="filters" method="get" action="/">
    <label
      >Status
      <select name="status">
        <option value="">any</option>
        ${itemStatuses.map((status) => html`<option value="${status}" ${selected('status', status)}>${status}</option>`)}
      </select></label
    >
    ${FILTER_FIELDS.map(([name, label, hint]) => html`<label>${label} <input name="${name}" value="${query[name] ?? ''}" placeholder="${hint}" /></label>`)}
    <label
      >Error class
      <select name="errorClass">
        <option value="">any</option>
        ${['transient', 'permanent'].map((value) => html`<option value="${value}" ${selected('errorClass', value)}>${value}</option>`)}
      </select></label
    >
    ${query['limit'] === undefined ? null : html`<input type="hidden" name="limit" value="${query['limit']}" />`}
    <button type="submit">Filter</button>
  </form>`;
}

function row(item: ItemSummary): SafeHtml {
  return html`<tr>
    <td><a href="/items/${item.id}">#${item.id}</a></td>
    <td>${statusBadge(item.status)}</td>
    <td>${item.target ?? '—'}</td>
    <td>${item.entityType ?? '—'}</td>
    <td>${item.entityKey ?? '—'}</td>
    <td>${item.reason}</td>
    <td>${item.errorClass ?? '—'}</td>
    <td>${item.errorMessage}</td>
    <td>${when(item.deadLetteredAt)}</td>
  </tr>`;
}

export interface ListView {
  readonly page?: ItemPage;
  readonly position?: PagePosition;
  /** The query as the browser sent it (paging included), to fill the form. */
  readonly query: Readonly<Record<string, string>>;
  /** The filter alone: what paging links and bulk actions carry along. */
  readonly filter: Readonly<Record<string, string>>;
  readonly user: string;
  readonly canAct?: boolean;
  readonly problem?: string;
  readonly groups?: SafeHtml | null;
}

const count = (n: number): string => n.toLocaleString('en');

function pager(view: ListView): SafeHtml | null {
  const { page, position, query, filter } = view;
  if (page === undefined || position === undefined) return null;
  const base = { ...filter, ...(query['limit'] === undefined ? {} : { limit: query['limit'] }) };
  const link = (cls: string, label: string, extra: Record<string, string>) =>
    html`<a class="${cls}" href="/?${new URLSearchParams({ ...base, ...extra }).toString()}"
      >${label}</a
    >`;
  const first = position.offset + 1;
  const last = position.offset + page.items.length;
  return html`<nav class="pager">
    <span class="matches" data-matched="${position.matched}"
      >${page.items.length === 0 ? 'No items' : `Items ${count(first)}–${count(last)}`} of
      ${count(position.matched)} matching</span
    >
    ${page.prevCursor === null ? null : [link('page-first', '« Newest', {}), link('page-prev', '‹ Previous page', { before: page.prevCursor })]}
    ${page.nextCursor === null ? null : [link('page-next', 'Next page ›', { cursor: page.nextCursor }), link('page-last', 'Last page »', { last: 'true' })]}
  </nav>`;
}

export function listPage(view: ListView): string {
  const { page, query, filter, user, problem, groups } = view;
  const filterQuery = new URLSearchParams(filter).toString();
  return layout(
    'Dead letters',
    html`<h1>Dead letters</h1>
      ${filterForm(query)}
      ${problem === undefined ? null : html`<p class="error" role="alert">${problem}</p>`}
      ${groups ?? null}
      <h2>Items</h2>
      ${pager(view)}
      ${view.canAct === true && page !== undefined && page.items.length > 0 ? html`<p>${bulkLinks(filterQuery, 'all matching')}</p>` : null}
      <table>
        <thead>
          <tr>
            <th>Item</th>
            <th>Status</th>
            <th>Target</th>
            <th>Entity type</th>
            <th>Entity key</th>
            <th>Reason</th>
            <th>Error class</th>
            <th>Last error</th>
            <th>Dead-lettered</th>
          </tr>
        </thead>
        <tbody>
          ${page?.items.map(row) ?? null}
        </tbody>
      </table>
      ${page !== undefined && page.items.length === 0 ? html`<p>No dead letters match.</p>` : null}
      ${pager(view)}`,
    { user },
  );
}

function actionForms(item: ItemDetail, canAct: boolean): SafeHtml | null {
  if (!canAct) return html`<p>Your role can view but not act.</p>`;
  const finishable = item.status === 'open' || item.status === 'retrying';
  const noteForm = (action: string, label: string) =>
    html`<form method="post" action="/items/${item.id}/${action}">
      <label
        >Note <textarea name="note" required maxlength="2000" rows="2" cols="30"></textarea>
      </label>
      <button type="submit">${label}</button>
    </form>`;
  return html`<div class="actions">
    ${item.status === 'open' && item.reason !== 'undecodable' ? html`<form method="post" action="/items/${item.id}/retry"><button type="submit">Retry now</button></form>` : null}
    ${finishable ? [noteForm('resolve', 'Resolve'), noteForm('discard', 'Discard')] : null}
  </div>`;
}

const json = (value: unknown): string => JSON.stringify(value, null, 2);

export function detailPage(
  item: ItemDetail,
  user: string,
  canAct: boolean,
  problem?: string,
): string {
  const facts: [string, unknown][] = [
    ['Target', item.target],
    ['Reason', item.reason],
    ['Last error', `${item.errorCode ?? '?'}: ${item.errorMessage}`],
    ['Entity', `${item.entityType ?? '?'} ${item.entityKey ?? '?'}`],
    ['Correlation id', item.correlationId],
    ['Trace id', item.traceId],
    ['Source', `${item.sourceSystem ?? '?'} v${String(item.sourceVersion ?? '?')}`],
    ['First failure', when(item.firstFailureAt)],
    ['Last failure', when(item.lastFailureAt)],
    ['Dead-lettered', when(item.deadLetteredAt)],
    [
      'Original',
      [
        item.original.topic,
        item.original.partition === null ? null : `partition ${String(item.original.partition)}`,
        item.original.offset === null ? null : `offset ${String(item.original.offset)}`,
      ]
        .filter((part) => part !== null)
        .join(', '),
    ],
    [
      'Current applied version',
      item.currentView === null ? 'none recorded' : json(item.currentView),
    ],
  ];
  return layout(
    `Dead letter #${item.id}`,
    html`<h1>Dead letter #${item.id} ${statusBadge(item.status)}</h1>
      ${problem === undefined ? null : html`<p class="error" role="alert">${problem}</p>`}
      ${actionForms(item, canAct)}
      <table>
        ${facts.map(
          ([name, value]) =>
            html`<tr>
              <th>${name}</th>
              <td>${value ?? '—'}</td>
            </tr>`,
        )}
      </table>
      <h2>Attempts</h2>
      <table>
        <thead>
          <tr>
            <th>#</th>
            <th>At</th>
            <th>Class</th>
            <th>Code</th>
            <th>HTTP</th>
            <th>Message</th>
            <th>Via</th>
          </tr>
        </thead>
        <tbody>
          ${item.attempts.map(
            (a) =>
              html`<tr>
                <td>${a.attempt}</td>
                <td>${when(a.at)}</td>
                <td>${a.errorClass ?? '—'}</td>
                <td>${a.code ?? '—'}</td>
                <td>${a.httpStatus ?? '—'}</td>
                <td>${a.message}</td>
                <td>${a.via}</td>
              </tr>`,
          )}
        </tbody>
      </table>
      <h2>Original event</h2>
      ${item.original.decodeError === null ? null : html`<p class="error">Not decodable: ${item.original.decodeError}</p>`}
      <pre>${json(item.original.event ?? item.original.valueBase64)}</pre>
      <h2>Original headers</h2>
      <pre>${json(item.original.headers)}</pre>
      <h2>Audit</h2>
      <ul>
        ${item.audit.map((entry) => html`<li>${when(entry.at)} ${entry.actor} ${entry.action}${entry.note === null ? null : html`: ${entry.note}`}</li>`)}
      </ul>`,
    { user, ...(item.status === 'retrying' ? { refreshSeconds: 2 } : {}) },
  );
}
