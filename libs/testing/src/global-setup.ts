/**
 * Jest global setup for the int and e2e tiers: finds the real stack once per run and
 * hands its endpoints to the workers through the environment.
 * Order: endpoints from the environment; a Docker engine (docker/compose.yml); the
 * local jar-based stack (libs/local-stack), started if not running and then reused.
 */
import { resolve } from 'node:path';
import { stackUp } from '@hub/local-stack';
import { dockerEngineAnswers, dockerStackUp } from './docker-stack';
import { endpointsFromEnvironment, exportEndpoints, type StackEndpoints } from './endpoints';

const workspaceRoot = resolve(__dirname, '../../..');

async function locateStack(): Promise<StackEndpoints> {
  const given = endpointsFromEnvironment();
  if (given) return given;
  if (await dockerEngineAnswers()) return dockerStackUp(workspaceRoot);
  return stackUp();
}

export default async function globalSetup(): Promise<void> {
  exportEndpoints(await locateStack());
}
