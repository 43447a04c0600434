/**
 * Who made a refused change, when the sender's notification says. Odoo's automation rule
 * can send `write_uid` (the last writer; a many2one, so the user id, or `[id, name]` when
 * read with names). An F&O business event names InitiatingUserAADObjectId (the Entra object
 * id of the user whose action raised it; all zeros when none). Business Central's webhook
 * notifications and SAP's business events name no user. Nothing else is guessed: no user
 * named means `requestedBy: null`.
 */
type Fields = Readonly<Record<string, unknown>>;

function fieldsOf(proposed: unknown): Fields | undefined {
  return typeof proposed === 'object' && proposed !== null && !Array.isArray(proposed)
    ? (proposed as Fields)
    : undefined;
}

function odooUserId(user: unknown): string | null {
  if (typeof user === 'number' && Number.isSafeInteger(user) && user > 0) return String(user);
  if (Array.isArray(user)) return odooUserId(user[0]);
  return null;
}

/** `{C4B1D7E0-…}` → `c4b1d7e0-…`; the empty GUID F&O sends for no user → null. */
function entraObjectId(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const id = value
    .trim()
    .replace(/^\{(.*)\}$/, '$1')
    .toLowerCase();
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id)) return null;
  return /^[0-]+$/.test(id) ? null : id;
}

export function requesterUser(proposed: unknown): string | null {
  const fields = fieldsOf(proposed);
  if (fields === undefined) return null;
  const user: unknown = fields['write_uid'];
  if (Array.isArray(user) && typeof user[1] === 'string' && user[1] !== '') return user[1];
  return odooUserId(user) ?? entraObjectId(fields['InitiatingUserAADObjectId']);
}

/**
 * The last writer's id as the notification names it, to compare with a system's
 * `hubWriterUsers`: Odoo's `write_uid` id (also of `[id, name]`), or F&O's
 * InitiatingUserAADObjectId without braces, lower case. Null when it names none.
 */
export function lastWriterId(proposed: unknown): string | null {
  const fields = fieldsOf(proposed);
  if (fields === undefined) return null;
  return odooUserId(fields['write_uid']) ?? entraObjectId(fields['InitiatingUserAADObjectId']);
}

/** A configured hub writer user in the form lastWriterId gives (GUIDs without braces, lower case). */
export function writerIdForm(configured: string): string {
  return entraObjectId(configured) ?? configured;
}
