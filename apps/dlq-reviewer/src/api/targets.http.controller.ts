/**
 * /api/targets: per-target state in one call (viewer), and the operator's target controls
 * (operator, audited): pause, resume, force the breakers, pull retries forward, replay.
 */
import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiOperation,
  ApiParam,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { REVIEWER_DEPS, type ReviewerDeps } from '../app/reviewer-deps';
import { principalOf } from '../auth/principal';
import {
  breakerBody,
  breakerDoc,
  controlBody,
  noteOnlyDoc,
  replayBody,
  replayDoc,
  targetParam,
} from '../controls/control-requests';
import type { ControlAnswer, ControlOrder } from '../controls/target-control-actions';
import type { ReplayAnswer } from '../controls/replay';
import { problemResponse } from './openapi-parameters';
import { check } from './request-schemas';
import type { TargetOverview } from './target-overview';

const controlAnswerDoc =
  '{ target, before, after, effect }: the orders before and after (paused, breaker: auto | open | closed, pullForwardBefore, changedAt, changedBy) and what they do; the audit entry is committed with the record';

function ControlRoute(summary: string): MethodDecorator {
  return (target, key, descriptor) => {
    for (const decorate of [
      HttpCode(200),
      ApiOperation({ summary }),
      ApiParam({ name: 'target', description: 'the system id' }),
      ApiResponse({ status: 200, description: controlAnswerDoc }),
      ApiResponse({ status: 400, ...problemResponse }),
      ApiResponse({ status: 403, ...problemResponse }),
      ApiResponse({ status: 503, ...problemResponse }),
    ])
      decorate(target, key, descriptor);
  };
}

@ApiTags('targets')
@ApiBearerAuth()
@ApiResponse({ status: 401, ...problemResponse })
@Controller('api/targets')
export class TargetsHttpController {
  constructor(@Inject(REVIEWER_DEPS) private readonly deps: ReviewerDeps) {}

  @Get()
  @ApiOperation({
    summary:
      "Per target in one call: open and retrying dead letters, the oldest open one, the top 3 error codes; the retry scheduler's breaker state, pending retries and oldest pending when DLQ_SCHEDULER_STATUS_URL is set; the operators' orders (paused, breaker forced open or closed); the connector's lag and recent rate (viewer).",
  })
  @ApiResponse({
    status: 200,
    description:
      '{ scheduler: { state: not-configured | reachable | unreachable, url?, error? }, flowError?, targets: [{ target, open, retrying, oldestOpenAt, topErrorCodes: [{ errorCode, count }], scheduler: { breaker, pending, nextDueAt, oldestFirstFailureAt } | null, control: { paused, breaker: auto | open | closed, changedAt, changedBy } | null, flow: { lag, ratePerSecond } | null }] }',
  })
  overview(): Promise<TargetOverview> {
    return this.deps.overviews.overview();
  }

  @Post(':target/pause')
  @ControlRoute(
    'Pause a target: its connectors make no writes (they wait in the retry queue, nothing is dropped) and the scheduler sends none until resumed (operator, audited).',
  )
  @ApiBody(noteOnlyDoc)
  pause(@Param('target') target: string, @Body() body: unknown, @Req() request: FastifyRequest) {
    return this.order(target, { kind: 'pause' }, body, request);
  }

  @Post(':target/resume')
  @ControlRoute(
    "Resume a target: the writes held meanwhile go out in order through the scheduler's breaker and drain rate (operator, audited).",
  )
  @ApiBody(noteOnlyDoc)
  resume(@Param('target') target: string, @Body() body: unknown, @Req() request: FastifyRequest) {
    return this.order(target, { kind: 'resume' }, body, request);
  }

  @Post(':target/breaker')
  @ControlRoute(
    "Force the target's breakers (the connectors' and the scheduler's) open or closed, or give the decision back to them with auto (operator, audited).",
  )
  @ApiBody(breakerDoc)
  breaker(
    @Param('target') target: string,
    @Body() body: unknown,
    @Req() request: FastifyRequest,
  ): Promise<ControlAnswer> {
    const { force, note } = check(breakerBody, body ?? {});
    return this.deps.targetControls.order(
      check(targetParam, target),
      { kind: 'breaker', force },
      principalOf(request),
      note ?? null,
    );
  }

  @Post(':target/pull-forward')
  @ControlRoute(
    "Pull the target's pending retries forward: every one taken in until now is due now, still through the scheduler's breaker and drain rate (operator, audited).",
  )
  @ApiBody(noteOnlyDoc)
  pullForward(
    @Param('target') target: string,
    @Body() body: unknown,
    @Req() request: FastifyRequest,
  ) {
    return this.order(target, { kind: 'pull-forward' }, body, request);
  }

  @Post(':target/replay')
  @HttpCode(202)
  @ApiOperation({
    summary:
      "Replay the dead letters the hub stores for one entity key or one correlation id of a target, whatever became of them, through the scheduler's operator-retry path (operator, audited). Idempotency still applies: each item says whether the target already holds its version (a visible no-op).",
  })
  @ApiParam({ name: 'target', description: 'the system id' })
  @ApiBody(replayDoc)
  @ApiResponse({
    status: 202,
    description:
      '{ target, replayed: [{ id, correlationId, entityKey, statusBefore, expected: write | no-op, why }], skipped: [{ id, reason }] }; the items, their audit entries and redeliveries are committed together',
  })
  @ApiResponse({ status: 400, ...problemResponse })
  @ApiResponse({ status: 403, ...problemResponse })
  @ApiResponse({ status: 404, ...problemResponse })
  @ApiResponse({ status: 422, ...problemResponse })
  @ApiResponse({ status: 503, ...problemResponse })
  replay(
    @Param('target') target: string,
    @Body() body: unknown,
    @Req() request: FastifyRequest,
  ): Promise<ReplayAnswer> {
    const { entityKey, correlationId, note } = check(replayBody, body ?? {});
    return this.deps.replays.replay(
      check(targetParam, target),
      entityKey === undefined ? { correlationId: correlationId ?? '' } : { entityKey },
      principalOf(request),
      note ?? null,
    );
  }

  private order(
    target: string,
    order: ControlOrder,
    body: unknown,
    request: FastifyRequest,
  ): Promise<ControlAnswer> {
    const { note } = check(controlBody, body ?? {});
    return this.deps.targetControls.order(
      check(targetParam, target),
      order,
      principalOf(request),
      note ?? null,
    );
  }
}
