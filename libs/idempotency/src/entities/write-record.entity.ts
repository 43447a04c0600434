import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { JsonValue } from '../json-value';
import { targetReferenceIndex, writeRecordTable } from '../sql-names';
import type { WriteSemantics, WriteState } from '../write-types';
import { bigintAsNumber } from './bigint-as-number';

/**
 * One write of one event to one target. Mirrors migration CreateIdempotencyTables;
 * the integration tests check that the two agree.
 */
@Entity({ name: writeRecordTable })
@Check('write_record_state_check', `"state" IN ('in-flight', 'succeeded', 'failed-permanently')`)
@Check(
  'write_record_lease_check',
  `("lease_owner" IS NULL) = ("lease_expires_at" IS NULL) AND ("state" = 'in-flight' OR "lease_owner" IS NULL)`,
)
@Check('write_record_steps_check', `jsonb_typeof("steps") = 'object'`)
@Check('write_record_semantics_check', `"semantics" IN ('state', 'additive')`)
@Index('write_record_finished_idx', ['updatedAt'], { where: `"state" <> 'in-flight'` })
export class WriteRecordEntity {
  @PrimaryColumn('text', { primaryKeyConstraintName: 'write_record_pkey' })
  target!: string;

  @PrimaryColumn('text', { name: 'correlation_id', primaryKeyConstraintName: 'write_record_pkey' })
  correlationId!: string;

  @Column('text', { name: 'entity_type' })
  entityType!: string;

  @Column('text', { name: 'entity_key' })
  entityKey!: string;

  @Column('bigint', { name: 'source_version', transformer: bigintAsNumber })
  sourceVersion!: number;

  @Column('text')
  state!: WriteState;

  @Column('bigint', { name: 'arrival_order', default: 0, transformer: bigintAsNumber })
  arrivalOrder!: number;

  @Column('text', { default: 'state' })
  semantics!: WriteSemantics;

  @Column('text', { name: 'lease_owner', nullable: true })
  leaseOwner!: string | null;

  @Column('timestamptz', { name: 'lease_expires_at', nullable: true })
  leaseExpiresAt!: Date | null;

  @Column('integer')
  attempts!: number;

  /** Step name to the step's result, e.g. `{ "create": { "document": "100000123" } }`. */
  @Column('jsonb')
  steps!: Record<string, JsonValue>;

  /** Indexed by its `targetReference` too (migration AddTargetReferenceIndex1796342400000). */
  @Index(targetReferenceIndex, { synchronize: false })
  @Column('jsonb', { nullable: true })
  result!: JsonValue | null;

  @Column('jsonb', { nullable: true })
  error!: JsonValue | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;
}
