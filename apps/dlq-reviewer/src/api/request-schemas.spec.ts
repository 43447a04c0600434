import { ReviewerError } from '../problem/reviewer-error';
import { encodeCursor, parseListQuery } from './request-schemas';

function refusal(query: unknown): string {
  try {
    parseListQuery(query);
    return 'accepted';
  } catch (error) {
    return error instanceof ReviewerError ? `${error.code}: ${error.message}` : 'other error';
  }
}

describe('parseListQuery', () => {
  it('turns query parameters into a filter, a cursor and a limit', () => {
    const cursor = { position: '2026-01-01T00:00:00.123456Z', id: '42' };
    expect(
      parseListQuery({
        status: ['open', 'retrying'],
        target: 'odoo',
        q: ' 50% off ',
        from: '2026-01-01',
        cursor: encodeCursor(cursor),
        limit: '10',
      }),
    ).toEqual({
      filter: {
        status: ['open', 'retrying'],
        target: 'odoo',
        text: '50% off',
        from: Date.UTC(2026, 0, 1),
      },
      cursor,
      limit: 10,
    });
  });

  it('reads comma-separated statuses and defaults the limit to 50', () => {
    expect(parseListQuery({ status: 'open,resolved' })).toEqual({
      filter: { status: ['open', 'resolved'] },
      limit: 50,
    });
  });

  it.each([
    [{ status: 'done' }, 'status'],
    [{ target: 'Odoo!' }, 'target'],
    [{ sort: 'id' }, 'unknown field(s): sort'],
    [{ cursor: encodeCursor({ position: "'; --", id: '1' }) }, 'cursor'],
    [{ limit: '-1' }, 'limit'],
  ])('refuses %j naming %s', (query, field) => {
    expect(refusal(query)).toMatch(
      new RegExp(`^INVALID_REQUEST: .*${field.replace(/[()]/g, '\\$&')}`),
    );
  });
});
