/** The story in order; each step reports ✔/✘ with figures and never stops the next one. */
import type { Hub } from '../hub/start-hub';
import { changeRequestStep } from './step-change-request';
import { deadLetterStep } from './step-dead-letter';
import { goodsReceiptStep } from './step-goods-receipt';
import { incidentStep } from './step-incident';
import { inventoryLevelsStep } from './step-inventory';
import { outageStep } from './step-outage';
import { purchaseOrderStep } from './step-purchase-order';
import { reconcileStep } from './step-reconcile';
import type { StepReport } from './step-report';
import { seedWorld, type StoryWorld } from './world';

export type StoryStep = (world: StoryWorld) => Promise<StepReport>;

export const storySteps: readonly StoryStep[] = [
  inventoryLevelsStep,
  incidentStep,
  changeRequestStep,
  purchaseOrderStep,
  goodsReceiptStep,
  outageStep,
  deadLetterStep,
  reconcileStep,
];

export async function playStory(
  hub: Hub,
  onStep: (report: StepReport, index: number) => void,
): Promise<StepReport[]> {
  return playSteps(await seedWorld(hub), storySteps, onStep);
}

/** Plays the steps in order, reporting each as it ends; a step never stops the next one. */
export async function playSteps<W>(
  world: W,
  steps: readonly ((world: W) => Promise<StepReport>)[],
  onStep: (report: StepReport, index: number) => void,
): Promise<StepReport[]> {
  const reports: StepReport[] = [];
  for (const [index, step] of steps.entries()) {
    const report = await step(world);
    reports.push(report);
    onStep(report, index);
  }
  return reports;
}
