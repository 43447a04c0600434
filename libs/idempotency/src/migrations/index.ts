import { CreateIdempotencyTables1764201600000 } from './1764201600000-create-idempotency-tables';
import { AddArrivalOrderAndRecordClaims1767398400000 } from './1767398400000-add-arrival-order-and-record-claims';
import { AddTargetReferenceIndex1796342400000 } from './1796342400000-add-target-reference-index';

export {
  AddArrivalOrderAndRecordClaims1767398400000,
  AddTargetReferenceIndex1796342400000,
  CreateIdempotencyTables1764201600000,
};

/** Every migration of the store, oldest first, for a DataSource's `migrations`. */
export const idempotencyMigrations = [
  CreateIdempotencyTables1764201600000,
  AddArrivalOrderAndRecordClaims1767398400000,
  AddTargetReferenceIndex1796342400000,
];
