/**
 * The reconciliation admin routes of a connector (the drift tables live in its database):
 * GET /reconciliation (summary per pair, levels, mode), GET /reconciliation/:entityType/items
 * and /runs, POST …/items/:key/{recheck,repair,ignore,reopen}, POST /reconciliation/runs/:id/approve,
 * POST /reconciliation/run/:level (an L3 may take a JSON body scoping it: `{ warehouse }` or
 * `{ fromKey?, toKey? }`, checked by @hub/reconciliation's runScopeRequest). Bearer CONNECTOR_RECONCILE_ADMIN_TOKEN on every route
 * (compared in constant time); the acting operator's name comes in `x-hub-actor` (the DLQ
 * reviewer sets it from its authenticated principal and keeps the audit).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Module,
  Param,
  Post,
  Query,
  Req,
  UseFilters,
  type DynamicModule,
} from '@nestjs/common';
import type { Logger } from '@hub/observability';
import { keyScopeOf, runScopeRequest } from '@hub/reconciliation';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ReconcileOperator } from './reconcile-operator';
import { ReconcileRouteError, reconcileProblemFilter } from './reconcile-problems';

export interface ReconcileRoutesDeps {
  readonly operator: () => ReconcileOperator | undefined;
  readonly token: string | undefined;
  readonly signal: AbortSignal;
}

const RECONCILE_ROUTES = Symbol('RECONCILE_ROUTES');

const itemQuery = z.object({
  status: z.enum(['open', 'ignored', 'healed']).optional(),
  verdict: z.enum(['drifted', 'missing-at-receiver', 'unknown-to-owner', 'undelivered']).optional(),
  after: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
const runQuery = z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) });
const level = z.enum(['L0', 'L2', 'L3']);
const actorHeader = z.string().trim().min(1).max(200);

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

function parsed<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success)
    throw new ReconcileRouteError(
      'BAD_REQUEST',
      `${what}: ${result.error.issues.map((issue) => `${issue.path.join('.') || 'value'} ${issue.message}`).join('; ')}`,
    );
  return result.data;
}

export function reconcileRoutesModule(deps: ReconcileRoutesDeps, logger: Logger): DynamicModule {
  @Controller('reconciliation')
  @UseFilters(reconcileProblemFilter(logger))
  class ReconcileController {
    // @Inject spelled out: the DI works without emitted type metadata (tsx/esbuild).
    constructor(@Inject(RECONCILE_ROUTES) private readonly routes: ReconcileRoutesDeps) {}

    private operator(request: FastifyRequest): ReconcileOperator {
      const match = /^Bearer ([^\s]+)$/i.exec(request.headers.authorization?.trim() ?? '');
      const { token } = this.routes;
      if (
        token === undefined ||
        match?.[1] === undefined ||
        !timingSafeEqual(digest(token), digest(match[1]))
      )
        throw new ReconcileRouteError(
          'UNAUTHORIZED',
          'The reconciliation routes need Authorization: Bearer <CONNECTOR_RECONCILE_ADMIN_TOKEN> (refused while it is unset).',
        );
      const operator = this.routes.operator();
      if (operator === undefined)
        throw new ReconcileRouteError(
          'RECONCILE_OFF',
          'Reconciliation is off here (CONNECTOR_RECONCILE=report or repair, with a connector that implements the reconciliation read).',
        );
      return operator;
    }

    private actor(request: FastifyRequest): string {
      return parsed(actorHeader, request.headers['x-hub-actor'], 'x-hub-actor header');
    }

    @Get()
    overview(@Req() request: FastifyRequest) {
      return this.operator(request).overview();
    }

    @Get(':entityType/items')
    async items(
      @Req() request: FastifyRequest,
      @Param('entityType') entityType: string,
      @Query() query: unknown,
    ) {
      const operator = this.operator(request);
      const { after, ...rest } = parsed(itemQuery, query, 'query');
      const items = await operator.items(entityType, {
        ...rest,
        ...(after === undefined ? {} : { afterKey: after }),
      });
      return {
        items,
        next: items.length === rest.limit ? (items.at(-1)?.entityKey ?? null) : null,
      };
    }

    @Get(':entityType/runs')
    async runs(
      @Req() request: FastifyRequest,
      @Param('entityType') entityType: string,
      @Query() query: unknown,
    ) {
      const operator = this.operator(request);
      return { runs: await operator.runs(entityType, parsed(runQuery, query, 'query').limit) };
    }

    @Post(':entityType/items/:key/recheck')
    @HttpCode(200)
    recheck(
      @Req() request: FastifyRequest,
      @Param('entityType') entityType: string,
      @Param('key') key: string,
    ) {
      return this.operator(request).recheck(entityType, [key], this.routes.signal);
    }

    @Post(':entityType/items/:key/repair')
    @HttpCode(200)
    repair(
      @Req() request: FastifyRequest,
      @Param('entityType') entityType: string,
      @Param('key') key: string,
    ) {
      const operator = this.operator(request);
      this.actor(request);
      return operator.repair(entityType, [key], this.routes.signal);
    }

    private async setStatus(
      request: FastifyRequest,
      entityType: string,
      key: string,
      status: 'ignored' | 'open',
    ) {
      const operator = this.operator(request);
      if (!(await operator.setStatus(entityType, key, status, this.actor(request))))
        throw new ReconcileRouteError(
          'UNKNOWN_ITEM',
          `No open or ignored drift item ${key} of ${entityType}.`,
        );
      return { entityType, key, status };
    }

    @Post(':entityType/items/:key/ignore')
    @HttpCode(200)
    ignore(
      @Req() request: FastifyRequest,
      @Param('entityType') entityType: string,
      @Param('key') key: string,
    ) {
      return this.setStatus(request, entityType, key, 'ignored');
    }

    @Post(':entityType/items/:key/reopen')
    @HttpCode(200)
    reopen(
      @Req() request: FastifyRequest,
      @Param('entityType') entityType: string,
      @Param('key') key: string,
    ) {
      return this.setStatus(request, entityType, key, 'open');
    }

    @Post('runs/:id/approve')
    @HttpCode(200)
    async approve(@Req() request: FastifyRequest, @Param('id') id: string) {
      const operator = this.operator(request);
      const runId = parsed(z.uuid(), id, 'run id');
      const approved = await operator.approve(runId, this.actor(request), this.routes.signal);
      if (approved === undefined)
        throw new ReconcileRouteError(
          'UNKNOWN_ITEM',
          `No halted, unapproved run ${runId} of this connector.`,
        );
      return approved;
    }

    @Post('run/:level')
    @HttpCode(200)
    async run(@Req() request: FastifyRequest, @Param('level') name: string, @Body() body: unknown) {
      const operator = this.operator(request);
      const chosen = parsed(level, name, 'level');
      const scope = keyScopeOf(parsed(runScopeRequest, body ?? {}, 'scope'));
      if (scope !== undefined && chosen !== 'L3')
        throw new ReconcileRouteError(
          'BAD_REQUEST',
          `A scope (warehouse, fromKey, toKey) applies to L3 only, not ${chosen}.`,
        );
      const overview = await operator.overview();
      if (!overview.levels.includes(chosen))
        throw new ReconcileRouteError(
          'BAD_REQUEST',
          `${overview.system} offers ${overview.levels.join(', ')}, not ${chosen}.`,
        );
      return { reports: await operator.runNow(chosen, this.routes.signal, scope) };
    }
  }

  @Module({})
  class ReconcileRoutesModule {}

  return {
    module: ReconcileRoutesModule,
    controllers: [ReconcileController],
    providers: [{ provide: RECONCILE_ROUTES, useValue: deps }],
  };
}
