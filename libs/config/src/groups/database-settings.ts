import { url } from '../building-blocks/network';
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
});
