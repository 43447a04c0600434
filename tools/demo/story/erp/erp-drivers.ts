/** The driver of each ERP with a story of its own (Odoo plays story/play-story.ts). */
import type { Hub } from '../../hub/start-hub';
import { foDriver } from '../dynamics-finance/fo-driver';
import { sapDriver } from '../sap/sap-driver';
import type { ErpKind } from '../../hub/erp-under-test';
import type { ErpDriver } from './erp-driver';

/**
 * Business Central has no story yet: its simulator has no control route to create a
 * purchase order or read on-hand quantities, which steps (b) and (c) need.
 */
export const hasStory = (kind: ErpKind): boolean => kind !== 'business-central';

export function erpDriverFor(hub: Hub): ErpDriver | undefined {
  switch (hub.layout.erp.kind) {
    case 'sap':
      return sapDriver(hub.urls.simulator);
    case 'dynamics-finance':
      return foDriver(hub.urls.simulator, hub.layout.runId);
    default:
      return undefined;
  }
}
