/**
 * One hub under test per spec file: the ERP simulator and the six apps as processes, with
 * system ids, Postgres schemas and consumer groups of their own (a generated copy of the
 * default policy with ids wms-<run> and odoo-<run>), so the suite never sees another run's
 * events and can run beside other suites on the same stack.
 */
import { seedWorld, startHub, type Hub, type StepReport, type StoryWorld } from '@hub/demo';
import { testEndpoints } from '@hub/testing';

export const hubStartTimeoutMs = 180_000;

export interface HubFixture {
  hub(): Hub;
  world(): StoryWorld;
}

export function useHub(): HubFixture {
  let hub: Hub | undefined;
  let world: StoryWorld | undefined;
  beforeAll(async () => {
    hub = await startHub({
      stack: testEndpoints(),
      isolatedSystems: true,
      dropSchemasOnStop: true,
    });
    world = await seedWorld(hub);
  }, hubStartTimeoutMs);
  afterAll(async () => {
    await hub?.stop();
  }, 60_000);
  return {
    hub: () => {
      if (!hub) throw new Error('hub not started');
      return hub;
    },
    world: () => {
      if (!world) throw new Error('hub not started');
      return world;
    },
  };
}

/** The failed checks of a story step, with their text, so a failure says what did not hold. */
export const failedChecks = (report: StepReport): string[] =>
  report.checks.filter((check) => !check.ok).map((check) => check.text);
