/**
 * Who made a refused change, when the sender's notification says: Odoo's automation rule
 * can send `write_uid` (the last writer; a many2one, so the user id, or `[id, name]` when
 * read with names). Nothing else is guessed: no user named means `requestedBy: null`.
 */
export function requesterUser(proposed: unknown): string | null {
  if (typeof proposed !== 'object' || proposed === null || Array.isArray(proposed)) return null;
  const user: unknown = (proposed as Readonly<Record<string, unknown>>)['write_uid'];
  if (typeof user === 'number' && Number.isSafeInteger(user) && user > 0) return String(user);
  if (Array.isArray(user) && typeof user[1] === 'string' && user[1] !== '') return user[1];
  return null;
}
