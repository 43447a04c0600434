/**
 * /api/drift: reconciliation drift of the connectors in DLQ_RECONCILE_CONNECTORS, proxied to
 * each connector's /reconciliation routes (the drift tables live in its database). Reading
 * needs viewer; every action needs operator and is audited (the access hook and the proxy).
 */
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
  type DynamicModule,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { problemResponse } from '../api/openapi-parameters';
import { check } from '../api/request-schemas';
import { principalOf } from '../auth/principal';
import type { ConnectorOverview, DriftProxy } from './drift-proxy';
import {
  driftItemParams,
  driftLevel,
  driftPairParams,
  driftRunId,
  itemQueryString,
  runQueryString,
  runScopeOf,
} from './drift-requests';

const DRIFT_PROXY = Symbol('DRIFT_PROXY');

const runScopeDoc = {
  type: 'object',
  additionalProperties: false,
  description:
    'L3 only, optional: one warehouse, or a key range (inclusive; either side may be open), not both. None: the whole pair.',
  properties: {
    warehouse: {
      type: 'string',
      minLength: 1,
      maxLength: 100,
      description: 'a warehouse code (keys <warehouse>:<sku>), e.g. WH-EAST',
    },
    fromKey: { type: 'string', minLength: 1, maxLength: 500, description: 'e.g. WH-EAST:SKU-1000' },
    toKey: { type: 'string', minLength: 1, maxLength: 500, description: 'e.g. WH-EAST:SKU-1999' },
  },
} as const;

function ActionRoute(summary: string): MethodDecorator {
  return (target, key, descriptor) => {
    for (const decorate of [
      HttpCode(200),
      ApiOperation({ summary }),
      ApiParam({ name: 'system', description: 'the connector (receiver) system id' }),
      ApiResponse({ status: 200, description: "the connector's answer" }),
      ApiResponse({ status: 400, ...problemResponse }),
      ApiResponse({ status: 403, ...problemResponse }),
      ApiResponse({ status: 404, ...problemResponse }),
      ApiResponse({ status: 409, ...problemResponse }),
      ApiResponse({ status: 502, ...problemResponse }),
    ])
      decorate(target, key, descriptor);
  };
}

const itemParamsDoc = [
  ApiParam({ name: 'entityType', description: 'e.g. inventory-level' }),
  ApiParam({ name: 'key', description: 'the entity key, URL-encoded (e.g. WH-EAST%3ASKU-1)' }),
];

function ItemAction(summary: string): MethodDecorator {
  return (target, key, descriptor) => {
    for (const decorate of [ActionRoute(summary), ...itemParamsDoc])
      decorate(target, key, descriptor);
  };
}

@ApiTags('drift')
@ApiBearerAuth()
@ApiResponse({ status: 401, ...problemResponse })
@Controller('api/drift')
export class DriftHttpController {
  constructor(@Inject(DRIFT_PROXY) private readonly proxy: DriftProxy) {}

  @Get()
  @ApiOperation({
    summary:
      'Per connector: reachable or not, its mode (report or repair), levels, and per pair the open and ignored items and the last run (viewer).',
  })
  @ApiResponse({
    status: 200,
    description:
      '{ connectors: [{ system, state: reachable | unreachable, error?, overview?: { system, mode, levels, entityTypes, pairs: [{ entityType, receiver, open, ignored, lastRun }] } }] }',
  })
  async overview(): Promise<{ connectors: ConnectorOverview[] }> {
    return { connectors: await this.proxy.overview() };
  }

  @Get(':system/:entityType/items')
  @ApiOperation({
    summary:
      "A pair's drift items in key order: owner value, receiver value, verdict, status, since when (viewer).",
  })
  @ApiQuery({ name: 'status', required: false, description: 'open, ignored or healed' })
  @ApiQuery({
    name: 'verdict',
    required: false,
    description: 'drifted, missing-at-receiver, unknown-to-owner or undelivered',
  })
  @ApiQuery({ name: 'after', required: false, description: 'next of the previous page' })
  @ApiQuery({ name: 'limit', required: false, description: '1 to 500, default 100' })
  @ApiResponse({
    status: 200,
    description:
      '{ items: [{ entityKey, verdict, status, ownerValue, ownerVersion, receiverValue, firstSeenAt, lastSeenAt, lastRunId, updatedBy }], next }',
  })
  @ApiResponse({ status: 400, ...problemResponse })
  @ApiResponse({ status: 502, ...problemResponse })
  items(@Param() params: unknown, @Query() query: unknown): Promise<unknown> {
    const { system, entityType } = check(driftPairParams, params);
    return this.proxy.call(system, 'GET', `/${entityType}/items${itemQueryString(query)}`);
  }

  @Get(':system/:entityType/runs')
  @ApiOperation({
    summary:
      "A pair's latest runs, newest first: level, state (running, finished, halted, failed), counts, target calls, approval (viewer).",
  })
  @ApiQuery({ name: 'limit', required: false, description: '1 to 100, default 20' })
  @ApiResponse({ status: 200, description: '{ runs: [...] }' })
  @ApiResponse({ status: 502, ...problemResponse })
  runs(@Param() params: unknown, @Query() query: unknown): Promise<unknown> {
    const { system, entityType } = check(driftPairParams, params);
    return this.proxy.call(system, 'GET', `/${entityType}/runs${runQueryString(query)}`);
  }

  @Post(':system/:entityType/items/:key/recheck')
  @ItemAction(
    'Compare the key again now (a scoped run of its own); answers the item as it stands (operator, audited).',
  )
  recheck(@Param() params: unknown, @Req() request: FastifyRequest): Promise<unknown> {
    return this.item(params, 'recheck', request);
  }

  @Post(':system/:entityType/items/:key/repair')
  @ItemAction(
    "Re-check the key, then write the owner's state of it again through the connector's write path if still drifted; never towards the owner, never a key the owner does not have (operator, audited).",
  )
  repair(@Param() params: unknown, @Req() request: FastifyRequest): Promise<unknown> {
    return this.item(params, 'repair', request);
  }

  @Post(':system/:entityType/items/:key/ignore')
  @ItemAction(
    'Set the item aside: it stays ignored while it drifts, and heals when in step (operator, audited).',
  )
  ignore(@Param() params: unknown, @Req() request: FastifyRequest): Promise<unknown> {
    return this.item(params, 'ignore', request);
  }

  @Post(':system/:entityType/items/:key/reopen')
  @ItemAction('Open an ignored item again (operator, audited).')
  reopen(@Param() params: unknown, @Req() request: FastifyRequest): Promise<unknown> {
    return this.item(params, 'reopen', request);
  }

  @Post(':system/runs/:runId/approve')
  @ActionRoute(
    'Approve a run the drift cap halted: its repairs go ahead (in repair mode) (operator, audited).',
  )
  @ApiParam({ name: 'runId', description: 'the halted run' })
  approve(
    @Param('system') system: string,
    @Param('runId') runId: string,
    @Req() request: FastifyRequest,
  ): Promise<unknown> {
    return this.proxy.approve(
      check(driftPairParams.shape.system, system),
      check(driftRunId, runId),
      principalOf(request),
    );
  }

  @Post(':system/run/:level')
  @ActionRoute(
    'Run a level now over every pair of the connector: L0 (delivery gaps, no target call), L2 (what the target changed since the last delta, where it can say), L3 (full compare; optionally scoped to one warehouse or a key range, only keys within are read, judged and healed) (operator, audited).',
  )
  @ApiParam({ name: 'level', description: 'L0, L2 or L3' })
  @ApiBody({ required: false, schema: runScopeDoc })
  run(
    @Param('system') system: string,
    @Param('level') level: string,
    @Body() body: unknown,
    @Req() request: FastifyRequest,
  ): Promise<unknown> {
    const chosen = check(driftLevel, level);
    return this.proxy.run(
      check(driftPairParams.shape.system, system),
      chosen,
      principalOf(request),
      runScopeOf(chosen, body),
    );
  }

  private item(
    params: unknown,
    action: 'recheck' | 'repair' | 'ignore' | 'reopen',
    request: FastifyRequest,
  ): Promise<unknown> {
    const { system, entityType, key } = check(driftItemParams, params);
    return this.proxy.itemAction(system, entityType, key, action, principalOf(request));
  }
}

@Module({})
export class DriftModule {
  static register(proxy: DriftProxy): DynamicModule {
    return {
      module: DriftModule,
      controllers: [DriftHttpController],
      providers: [{ provide: DRIFT_PROXY, useValue: proxy }],
    };
  }
}
