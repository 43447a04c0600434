import { Check, Column, Entity, PrimaryColumn } from 'typeorm';
import { recordClaimTable } from '../sql-names';
import { bigintAsNumber } from './bigint-as-number';

/**
 * Who writes a record (target, entity) now, or left it in doubt after a failure. Mirrors
 * migration AddArrivalOrderAndRecordClaims; the integration tests check that the two agree.
 */
@Entity({ name: recordClaimTable })
@Check('record_claim_lease_check', `("lease_owner" IS NULL) = ("lease_expires_at" IS NULL)`)
export class RecordClaimEntity {
  @PrimaryColumn('text', { primaryKeyConstraintName: 'record_claim_pkey' })
  target!: string;

  @PrimaryColumn('text', { name: 'entity_type', primaryKeyConstraintName: 'record_claim_pkey' })
  entityType!: string;

  @PrimaryColumn('text', { name: 'entity_key', primaryKeyConstraintName: 'record_claim_pkey' })
  entityKey!: string;

  @Column('text', { name: 'correlation_id' })
  correlationId!: string;

  @Column('bigint', { name: 'source_version', transformer: bigintAsNumber })
  sourceVersion!: number;

  @Column('bigint', { name: 'arrival_order', transformer: bigintAsNumber })
  arrivalOrder!: number;

  @Column('text', { name: 'lease_owner', nullable: true })
  leaseOwner!: string | null;

  @Column('timestamptz', { name: 'lease_expires_at', nullable: true })
  leaseExpiresAt!: Date | null;

  @Column('timestamptz', { name: 'in_doubt_since', nullable: true })
  inDoubtSince!: Date | null;
}
