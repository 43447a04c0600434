import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which endpoints are disabled (an endpoint answered 410 Gone) and when an operator
 * re-enabled them. One row per endpoint that ever changed state; no row means enabled.
 */
export class CreateEndpointState1764221400000 implements MigrationInterface {
  name = 'CreateEndpointState1764221400000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE "http_endpoint_state" (
        "endpoint_id" text PRIMARY KEY,
        "disabled" boolean NOT NULL,
        "disabled_at" timestamptz,
        "disabled_reason" text,
        "disabled_http_status" integer,
        "enabled_at" timestamptz,
        "updated_at" timestamptz NOT NULL
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "http_endpoint_state"`);
  }
}
