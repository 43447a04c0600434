/** The Nest module: the route adapters and their services over the prebuilt IngressDeps. */
import { Module, type DynamicModule } from '@nestjs/common';
import { BusinessCentralWebhookHttpController } from '../business-central-webhook/business-central-webhook.http.controller';
import { BusinessCentralWebhookService } from '../business-central-webhook/business-central-webhook.service';
import { DynamicsFinanceWebhookHttpController } from '../dynamics-finance-webhook/dynamics-finance-webhook.http.controller';
import { DynamicsFinanceWebhookService } from '../dynamics-finance-webhook/dynamics-finance-webhook.service';
import { OdooWebhookHttpController } from '../odoo-webhook/odoo-webhook.http.controller';
import { OdooWebhookService } from '../odoo-webhook/odoo-webhook.service';
import { SapWebhookHttpController } from '../sap-webhook/sap-webhook.http.controller';
import { SapWebhookService } from '../sap-webhook/sap-webhook.service';
import { WmsWebhookHttpController } from '../wms-webhook/wms-webhook.http.controller';
import { WmsWebhookService } from '../wms-webhook/wms-webhook.service';
import { INGRESS_DEPS, type IngressDeps } from './ingress-deps';

@Module({})
export class IngressModule {
  static register(deps: IngressDeps): DynamicModule {
    return {
      module: IngressModule,
      controllers: [
        WmsWebhookHttpController,
        OdooWebhookHttpController,
        BusinessCentralWebhookHttpController,
        SapWebhookHttpController,
        DynamicsFinanceWebhookHttpController,
      ],
      providers: [
        { provide: INGRESS_DEPS, useValue: deps },
        WmsWebhookService,
        OdooWebhookService,
        BusinessCentralWebhookService,
        SapWebhookService,
        DynamicsFinanceWebhookService,
      ],
    };
  }
}
