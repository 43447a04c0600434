import { url } from '../building-blocks/network';
import { boolean } from '../building-blocks/scalars';
import { group, setting } from '../setting';

/** Postgres for the correlation store, applied versions, DLQ items and audit. */
export const databaseSettings = group({
  url: setting({
    env: 'DATABASE_URL',
    schema: url(['postgres', 'postgresql']),
    description: 'Postgres connection URL; secret because it may carry a password.',
    default: 'postgres://postgres@127.0.0.1:5432/hub',
    secret: true,
  }),
  migrateAtStart: setting({
    env: 'DATABASE_MIGRATE_AT_START',
    schema: boolean(),
    description:
      'Run this app’s Postgres migrations at start-up (local use). false: `npm run migrate` / `node migrate.js` (the `hub-migrate` Job) runs them once per release, and the app refuses to start while its tables are missing or behind.',
    default: 'true',
    secret: false,
  }),
});
