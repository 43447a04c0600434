/** The driver of each ERP with a story of its own (Odoo plays story/play-story.ts). */
import type { Hub } from '../../hub/start-hub';
import { bcDriver } from '../business-central/bc-driver';
import { foDriver } from '../dynamics-finance/fo-driver';
import { sapDriver } from '../sap/sap-driver';
import type { ErpDriver } from './erp-driver';

export function erpDriverFor(hub: Hub): ErpDriver | undefined {
  switch (hub.layout.erp.kind) {
    case 'sap':
      return sapDriver(hub.urls.simulator);
    case 'dynamics-finance':
      return foDriver(hub.urls.simulator, hub.layout.runId);
    case 'business-central':
      return bcDriver(hub.urls.simulator, hub.layout.runId);
    default:
      return undefined;
  }
}
