import { AppliedVersionEntity } from './applied-version.entity';
import { RecordClaimEntity } from './record-claim.entity';
import { WriteRecordEntity } from './write-record.entity';

export { AppliedVersionEntity, RecordClaimEntity, WriteRecordEntity };

/** Every entity of the store, for a DataSource's `entities`. */
export const idempotencyEntities = [WriteRecordEntity, AppliedVersionEntity, RecordClaimEntity];
