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
      direction: 'older',
      limit: 10,
    });
  });

  it('reads comma-separated statuses and defaults the limit to 50', () => {
    expect(parseListQuery({ status: 'open,resolved' })).toEqual({
      filter: { status: ['open', 'resolved'] },
      direction: 'older',
      limit: 50,
    });
  });

  it.each([
    [{ status: 'done' }, 'status'],
    [{ target: 'Odoo!' }, 'target'],
    [{ sort: 'id' }, 'unknown field(s): sort'],
    [{ cursor: encodeCursor({ position: "'; --", id: '1' }) }, 'cursor'],
    [{ limit: '-1' }, 'limit'],
    [{ from: '04/12/2026' }, 'from: must be a date like 2026-12-04 or 2026-12-04 13:30'],
    [{ to: '2026-02-30' }, 'to: 2026-02-30 is not a real date or time'],
    [{ from: '2026-12-04 25:00' }, 'from: 2026-12-04 25:00 is not a real date or time'],
    [{ from: '2026-12-05', to: '2026-12-04' }, 'from: must be before to'],
    [{ last: 'yes' }, 'last'],
    [
      {
        cursor: encodeCursor({ position: '2026-01-01T00:00:00.000000Z', id: '1' }),
        last: 'true',
      },
      'give one of cursor, before and last',
    ],
  ])('refuses %j naming %s', (query, field) => {
    expect(refusal(query)).toMatch(
      new RegExp(`^INVALID_REQUEST: .*${field.replace(/[()]/g, '\\$&')}`),
    );
  });
});

describe('parseListQuery: times as operators type them, and paging both ways', () => {
  it('reads a day, a day and time without a zone as UTC, and an ISO timestamp with a zone', () => {
    expect(
      parseListQuery({ from: '2026-12-04 13:30', to: '2026-12-05T01:00:00+02:00' }).filter,
    ).toEqual({ from: Date.UTC(2026, 11, 4, 13, 30), to: Date.UTC(2026, 11, 4, 23, 0) });
    expect(parseListQuery({ from: ' 2026-12-04 ' }).filter).toEqual({
      from: Date.UTC(2026, 11, 4),
    });
  });

  it('reads before as the page before a cursor, and last as the last page', () => {
    const cursor = { position: '2026-01-01T00:00:00.000000Z', id: '9' };
    expect(parseListQuery({ before: encodeCursor(cursor) })).toEqual({
      filter: {},
      cursor,
      direction: 'newer',
      limit: 50,
    });
    expect(parseListQuery({ last: 'true', limit: '100' })).toEqual({
      filter: {},
      direction: 'newer',
      limit: 100,
    });
  });
});
