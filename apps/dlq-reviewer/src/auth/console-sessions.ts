/**
 * Console sessions: the browser holds a random 256-bit id, Postgres holds its digest and
 * who signed in, until DLQ_SESSION_TTL or sign-out. The bearer token used to sign in is
 * never stored or sent back, so a stolen cookie is worth one revocable session, not a
 * long-lived API token. Shared by every replica through the table.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Role } from '../app/access-settings';
import type { Principal } from './principal';

const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

const digest = (id: string): Buffer => createHash('sha256').update(id).digest();

interface SessionRow {
  readonly principal_name: string;
  readonly principal_id: string;
  readonly role: Role | null;
  readonly via: Principal['via'];
}

export class ConsoleSessions {
  constructor(
    private readonly dataSource: DataSource,
    readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  /** A new session for `principal`; returns the id the cookie carries. */
  async open(principal: Principal): Promise<string> {
    const id = randomBytes(32).toString('base64url');
    const now = this.now();
    await this.dataSource.query(`DELETE FROM "console_sessions" WHERE "expires_at" <= $1`, [
      new Date(now),
    ]);
    await this.dataSource.query(
      `INSERT INTO "console_sessions" ("id_digest", "principal_name", "principal_id", "role", "via", "created_at", "expires_at")
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        digest(id),
        principal.name,
        principal.id,
        principal.role,
        principal.via,
        new Date(now),
        new Date(now + this.ttlMs),
      ],
    );
    return id;
  }

  async find(id: string | undefined): Promise<Principal | undefined> {
    if (id === undefined || !SESSION_ID.test(id)) return undefined;
    const rows: SessionRow[] = await this.dataSource.query(
      `SELECT "principal_name", "principal_id", "role", "via" FROM "console_sessions"
       WHERE "id_digest" = $1 AND "expires_at" > $2`,
      [digest(id), new Date(this.now())],
    );
    const row = rows[0];
    return row === undefined
      ? undefined
      : { name: row.principal_name, id: row.principal_id, role: row.role, via: row.via };
  }

  async revoke(id: string | undefined): Promise<void> {
    if (id === undefined || !SESSION_ID.test(id)) return;
    await this.dataSource.query(`DELETE FROM "console_sessions" WHERE "id_digest" = $1`, [
      digest(id),
    ]);
  }
}
