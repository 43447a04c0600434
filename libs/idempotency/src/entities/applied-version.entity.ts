import { Column, Entity, PrimaryColumn } from 'typeorm';
import { appliedVersionTable } from '../sql-names';
import { bigintAsNumber } from './bigint-as-number';

/**
 * The stale-write guard: per target and entity, the newest source version applied and
 * the correlation id that applied it. Never purged (see README).
 */
@Entity({ name: appliedVersionTable })
export class AppliedVersionEntity {
  @PrimaryColumn('text', { primaryKeyConstraintName: 'applied_version_pkey' })
  target!: string;

  @PrimaryColumn('text', { name: 'entity_type', primaryKeyConstraintName: 'applied_version_pkey' })
  entityType!: string;

  @PrimaryColumn('text', { name: 'entity_key', primaryKeyConstraintName: 'applied_version_pkey' })
  entityKey!: string;

  @Column('bigint', { name: 'source_version', transformer: bigintAsNumber })
  sourceVersion!: number;

  @Column('bigint', { name: 'arrival_order', default: 0, transformer: bigintAsNumber })
  arrivalOrder!: number;

  @Column('text', { name: 'correlation_id' })
  correlationId!: string;

  @Column('timestamptz', { name: 'applied_at' })
  appliedAt!: Date;
}
