/**
 * Control routes the demo needs from the Business Central module beyond its own
 * (`/__sim/business-central/...`), on the module's public methods: a purchase order created
 * as a buyer would (released), and per item and per order what BC booked.
 * `/__sim/business-central-demo/...`.
 */
import type { FastifyInstance } from 'fastify';
import type {
  BusinessCentralSimulator,
  BcCompany,
  BcSeedPurchaseOrder,
  SimulatorModule,
} from '@hub/erp-simulator';

const prefix = '/__sim/business-central-demo';

function problem(error: unknown): { title: string; detail: string } {
  return {
    title: 'Invalid control request',
    detail: error instanceof Error ? error.message : String(error),
  };
}

export class BcDemoControl implements SimulatorModule {
  readonly name = 'business-central-demo';

  constructor(private readonly bc: BusinessCentralSimulator) {}

  register(app: FastifyInstance): void {
    app.post<{ Params: { company: string }; Body: BcSeedPurchaseOrder }>(
      `${prefix}/companies/:company/purchase-orders`,
      (request, reply) => {
        try {
          const order = this.bc.addPurchaseOrder(request.params.company, {
            status: 'Open',
            ...request.body,
          });
          return reply.code(201).send({
            number: order.number,
            lines: order.lines.map((line) => ({
              sequence: line.sequence,
              item: line.lineObjectNumber,
              quantity: line.quantity,
            })),
          });
        } catch (error) {
          return reply.code(400).send(problem(error));
        }
      },
    );
    app.get<{ Params: { company: string; item: string }; Querystring: { location?: string } }>(
      `${prefix}/companies/:company/items/:item`,
      (request, reply) => {
        const { company, item } = request.params;
        try {
          const found: BcCompany = this.bc.company(company);
          return reply.send({
            onHand: this.bc.onHand(company, item, request.query.location ?? ''),
            inventoryWrites: found.inventoryWrites.filter((w) => w.itemNumber === item).length,
          });
        } catch (error) {
          return reply.code(400).send(problem(error));
        }
      },
    );
    app.get<{ Params: { company: string; number: string } }>(
      `${prefix}/companies/:company/purchase-orders/:number`,
      (request, reply) => {
        const { company, number } = request.params;
        try {
          const found = this.bc.company(company);
          const order = found.purchaseOrders.find((candidate) => candidate.number === number);
          if (order === undefined) return reply.code(404).send(problem(`no order ${number}`));
          return reply.send({
            receipts: found.receipts.filter((receipt) => receipt.orderNumber === number).length,
            lines: order.lines.map((line) => ({
              sequence: line.sequence,
              item: line.lineObjectNumber,
              quantity: line.quantity,
              receivedQuantity: line.receivedQuantity,
            })),
          });
        } catch (error) {
          return reply.code(400).send(problem(error));
        }
      },
    );
  }
}
