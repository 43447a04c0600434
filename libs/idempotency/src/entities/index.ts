import { AppliedVersionEntity } from './applied-version.entity';
import { WriteRecordEntity } from './write-record.entity';

export { AppliedVersionEntity, WriteRecordEntity };

/** Every entity of the store, for a DataSource's `entities`. */
export const idempotencyEntities = [WriteRecordEntity, AppliedVersionEntity];
