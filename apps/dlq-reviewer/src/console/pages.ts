/** The console pages: sign-in, list with filters, detail with actions, refusals. */
import type { ItemPage } from '../api/item-queries';
import type { ItemDetail, ItemSummary } from '../api/item-views';
import { itemStatuses } from '../store/item-types';
import { html, type SafeHtml } from './html';
import { when } from './group-pages';
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

const FILTER_FIELDS = [
  'target',
  'entityType',
  'entityKey',
  'errorCode',
  'q',
  'from',
  'to',
] as const;

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
    ${FILTER_FIELDS.map((name) => html`<label>${name} <input name="${name}" value="${query[name] ?? ''}" /></label>`)}
    <label
      >Error class
      <select name="errorClass">
        <option value="">any</option>
        ${['transient', 'permanent'].map((value) => html`<option value="${value}" ${selected('errorClass', value)}>${value}</option>`)}
      </select></label
    >
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

export function listPage(
  page: ItemPage | undefined,
  query: Readonly<Record<string, string>>,
  user: string,
  problem?: string,
  groups: SafeHtml | null = null,
): string {
  const next =
    page?.nextCursor === null || page === undefined
      ? null
      : new URLSearchParams({ ...query, cursor: page.nextCursor }).toString();
  return layout(
    'Dead letters',
    html`<h1>Dead letters</h1>
      ${filterForm(query)}
      ${problem === undefined ? null : html`<p class="error" role="alert">${problem}</p>`} ${groups}
      <h2>Items</h2>
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
      ${next === null ? null : html`<p><a href="/?${next}">Next page</a></p>`}`,
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
