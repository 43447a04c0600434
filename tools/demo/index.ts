/** The hub under test and the story, for `npm run demo` and the e2e suite (alias @hub/demo). */
export { startHub, type Hub, type HubOptions } from './hub/start-hub';
export { pipeInto } from './app-processes';
export type { HubApp, HubLayout } from './hub/hub-layout';
export type { StackEndpoints, HubUrls } from './hub/hub-env';
export { metric, metricSum, scrape } from './hub/metrics';
export { waitFor, sleep, okJson, requestJson } from './hub/net';
export { SimulatorClient, type WmsEvent } from './hub/sim-client';
export { DlqClient, schedulerStatus } from './hub/hub-clients';
export { playStory, storySteps, type StoryStep } from './story/play-story';
export { formatReport, passed, type StepReport } from './story/step-report';
export {
  seedWorld,
  inventoryEvent,
  mismatches,
  odooLevels,
  confirmPurchaseOrder,
  goodsReceiptEvent,
  type StoryWorld,
} from './story/world';
export { inventoryLevelsStep } from './story/step-inventory';
export { incidentStep } from './story/step-incident';
export { purchaseOrderStep } from './story/step-purchase-order';
export { goodsReceiptStep } from './story/step-goods-receipt';
export { outageStep } from './story/step-outage';
export {
  watchOdooApplies,
  odooAppliesSince,
  type OdooApplies,
  type OdooApply,
} from './story/odoo-applies';
export { deadLetterStep } from './story/step-dead-letter';
