import { CreateIdempotencyTables1764201600000 } from './1764201600000-create-idempotency-tables';

export { CreateIdempotencyTables1764201600000 };

/** Every migration of the store, oldest first, for a DataSource's `migrations`. */
export const idempotencyMigrations = [CreateIdempotencyTables1764201600000];
