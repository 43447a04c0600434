/** /change-requests: what ERPs asked owners to change, and whether the owner got it. */
import { entityTypes } from '@hub/contracts';
import { when } from '../console/group-pages';
import { html, type SafeHtml } from '../console/html';
import { layout } from '../console/layout';
import {
  CHANGE_REQUEST_STATES,
  type ChangeRequestPage,
  type ChangeRequestView,
} from './change-request-store';

/** The state badge's colour: the dead-letter list's status classes. */
const BADGE: Readonly<Record<ChangeRequestView['state'], string>> = {
  pending: 'status-retrying',
  delivered: 'status-resolved',
  'no-change': 'status-discarded',
  failed: 'status-retrying',
  'dead-lettered': 'status-open',
};

function filters(query: Readonly<Record<string, string>>): SafeHtml {
  const selected = (name: string, value: string) =>
    query[name] === value ? html` selected` : null;
  return html`<form class="filters" method="get" action="/change-requests">
    <label
      >State
      <select name="state">
        <option value="">any</option>
        ${CHANGE_REQUEST_STATES.map((state) => html`<option value="${state}" ${selected('state', state)}>${state}</option>`)}
      </select></label
    >
    <label
      >Entity type
      <select name="entityType">
        <option value="">any</option>
        ${entityTypes.map((type) => html`<option value="${type}" ${selected('entityType', type)}>${type}</option>`)}
      </select></label
    >
    <label>Entity key <input name="entityKey" value="${query['entityKey'] ?? ''}" /></label>
    <button type="submit">Filter</button>
  </form>`;
}

function pageLink(query: Readonly<Record<string, string>>, page: number): string {
  const params = new URLSearchParams({ ...query, page: String(page) });
  return `/change-requests?${params.toString()}`;
}

function pager(result: ChangeRequestPage, query: Readonly<Record<string, string>>): SafeHtml {
  const last = Math.max(1, Math.ceil(result.total / result.pageSize));
  return html`<nav class="pager">
    ${result.page > 1 ? html`<a rel="prev" href="${pageLink(query, result.page - 1)}">← newer</a>` : null}
    <span class="position">page ${result.page} of ${last} (${result.total} change requests)</span>
    ${result.page < last ? html`<a rel="next" href="${pageLink(query, result.page + 1)}">older →</a>` : null}
  </nav>`;
}

function row(item: ChangeRequestView): SafeHtml {
  const who =
    item.requestedBy === null ? item.requester : `${item.requester} (${item.requestedBy})`;
  const error =
    item.lastError === null
      ? null
      : html`<div class="last-error">${item.lastErrorCode}: ${item.lastError}</div>`;
  return html`<tr data-correlation-id="${item.correlationId}" data-state="${item.state}">
    <td>${when(item.changedAt)}</td>
    <td>${item.entityType}</td>
    <td class="entity-key">${item.entityKey}</td>
    <td>${who}</td>
    <td>${item.ownerSystem ?? '—'}</td>
    <td><span class="status ${BADGE[item.state]} state">${item.state}</span>${error}</td>
    <td class="attempts">${item.attempts}</td>
    <td><code class="proposed">${item.proposedJson ?? '—'}</code></td>
  </tr>`;
}

export function changeRequestsPage(
  result: ChangeRequestPage,
  query: Readonly<Record<string, string>>,
  user: string,
  problem?: string,
): string {
  return layout(
    'Change requests',
    html`<h1>Change requests</h1>
      <p>
        An ERP changed data another system owns: the hub refused the write and forwarded it to the
        owner as a change request. The state is its delivery to the owner's endpoint.
      </p>
      ${problem === undefined ? null : html`<p class="error" role="alert">${problem}</p>`}
      ${filters(query)} ${pager(result, query)}
      <table class="change-requests">
        <thead>
          <tr>
            <th>Changed at</th>
            <th>Entity type</th>
            <th>Entity key</th>
            <th>Requested by</th>
            <th>Owner</th>
            <th>Delivery</th>
            <th>Attempts</th>
            <th>Proposed</th>
          </tr>
        </thead>
        <tbody>
          ${result.items.map(row)}
        </tbody>
      </table>`,
    { user },
  );
}
