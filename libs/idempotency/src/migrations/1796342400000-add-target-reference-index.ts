import type { MigrationInterface, QueryRunner } from 'typeorm';
import { qualifiedName, schemaOf, targetReferenceIndex, writeRecordTable } from '../sql-names';

/**
 * Serves connector-http's look-up of the owner's key behind an ERP record the hub wrote
 * (RequesterRecords.ownerKeyOf: target, entity type, `result->>'targetReference'`, newest
 * first). Without it that query walks every finished record of the store. Partial on
 * succeeded writes that name a reference, so failed and in-flight writes cost nothing.
 */
export class AddTargetReferenceIndex1796342400000 implements MigrationInterface {
  name = 'AddTargetReferenceIndex1796342400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const schema = schemaOf(queryRunner.dataSource.options);
    await queryRunner.query(
      `CREATE INDEX "${targetReferenceIndex}" ON ${qualifiedName(schema, writeRecordTable)}
         ("target", "entity_type", ("result" ->> 'targetReference'), "updated_at" DESC)
         WHERE "state" = 'succeeded' AND ("result" ->> 'targetReference') IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const schema = schemaOf(queryRunner.dataSource.options);
    await queryRunner.query(`DROP INDEX ${qualifiedName(schema, targetReferenceIndex)}`);
  }
}
