/** The scheduler's HTTP side: GET /status (per target: breaker, backlog, next due). */
import { Controller, Get, Inject, Module, type DynamicModule } from '@nestjs/common';

export const SCHEDULER_STATUS = Symbol('SCHEDULER_STATUS');

export type SchedulerStatusSource = () => Promise<unknown>;

@Controller('status')
export class SchedulerStatusController {
  // @Inject spelled out: the DI works without emitted type metadata (tsx/esbuild).
  constructor(@Inject(SCHEDULER_STATUS) private readonly status: SchedulerStatusSource) {}

  @Get()
  async get(): Promise<{ readonly targets: unknown }> {
    return { targets: await this.status() };
  }
}

@Module({})
export class RetrySchedulerModule {
  static register(status: SchedulerStatusSource): DynamicModule {
    return {
      module: RetrySchedulerModule,
      controllers: [SchedulerStatusController],
      providers: [{ provide: SCHEDULER_STATUS, useValue: status }],
    };
  }
}
