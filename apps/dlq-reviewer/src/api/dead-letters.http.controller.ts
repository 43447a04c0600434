/** /api/dead-letters: list, detail, retry now, bulk retry, resolve, discard (one or by filter). */
import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req } from '@nestjs/common';
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
import type { BulkAnswer, BulkRetryAnswer } from '../actions/dead-letter-actions';
import { REVIEWER_DEPS, type ReviewerDeps } from '../app/reviewer-deps';
import { principalOf } from '../auth/principal';
import type { ItemPage } from './item-queries';
import { itemSummary, type ItemDetail, type ItemSummary } from './item-views';
import { ApiItemFilters, filterSchema, noteBody, problemResponse } from './openapi-parameters';
import {
  actionBody,
  bulkFinishBody,
  bulkRetryBody,
  check,
  finishBody,
  itemId,
  parseListQuery,
  toItemFilter,
} from './request-schemas';

const bulkBodyDoc = {
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: { filter: filterSchema, dryRun: { type: 'boolean' }, note: { type: 'string' } },
  },
};
const bulkAnswerDoc =
  '{ dryRun, matched, changed, failed: [{ id, reason }] }; the items and their audit entries (one per item, one summary) are committed in one transaction; more than DLQ_BULK_RETRY_LIMIT matches: 422';

@ApiTags('dead-letters')
@ApiBearerAuth()
@ApiResponse({ status: 401, ...problemResponse })
@Controller('api/dead-letters')
export class DeadLettersHttpController {
  constructor(@Inject(REVIEWER_DEPS) private readonly deps: ReviewerDeps) {}

  @Get()
  @ApiOperation({ summary: 'Dead letters, newest first, filtered, one page at a time (viewer).' })
  @ApiItemFilters()
  @ApiQuery({ name: 'cursor', required: false, description: 'nextCursor of the previous page' })
  @ApiQuery({
    name: 'before',
    required: false,
    description: 'prevCursor of the current page: the page before it',
  })
  @ApiQuery({ name: 'last', required: false, description: 'true: the last (oldest) page' })
  @ApiQuery({ name: 'limit', required: false, description: '1 to 200, default 50' })
  @ApiResponse({
    status: 200,
    description: '{ items: [...], nextCursor: string | null, prevCursor: string | null }',
  })
  @ApiResponse({ status: 400, ...problemResponse })
  async list(@Query() query: unknown): Promise<ItemPage> {
    return this.deps.queries.page(parseListQuery(query));
  }

  @Post('retry')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Bulk retry of the open items matching a filter; dryRun only counts (operator).',
  })
  @ApiBody(bulkBodyDoc)
  @ApiResponse({
    status: 200,
    description:
      '{ dryRun, matched, retried, failed: [{ id, reason }] }; the retried items, their audit entries and redeliveries are committed together, the relay publishes them',
  })
  @ApiResponse({ status: 403, ...problemResponse })
  @ApiResponse({ status: 422, ...problemResponse })
  async bulkRetry(@Body() body: unknown, @Req() request: FastifyRequest): Promise<BulkRetryAnswer> {
    const parsed = check(bulkRetryBody, body ?? {});
    return this.deps.actions.bulkRetry(
      toItemFilter(parsed.filter),
      parsed.dryRun,
      principalOf(request),
      parsed.note ?? null,
    );
  }

  @Post('resolve')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Bulk resolve of the open and retrying items matching a filter, with a note; dryRun only counts (operator).',
  })
  @ApiBody(bulkBodyDoc)
  @ApiResponse({ status: 200, description: bulkAnswerDoc })
  @ApiResponse({ status: 400, ...problemResponse })
  @ApiResponse({ status: 403, ...problemResponse })
  @ApiResponse({ status: 422, ...problemResponse })
  async bulkResolve(@Body() body: unknown, @Req() request: FastifyRequest): Promise<BulkAnswer> {
    return this.bulkFinish('resolve', body, request);
  }

  @Post('discard')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Bulk discard of the open and retrying items matching a filter, with a note; dryRun only counts (operator).',
  })
  @ApiBody(bulkBodyDoc)
  @ApiResponse({ status: 200, description: bulkAnswerDoc })
  @ApiResponse({ status: 400, ...problemResponse })
  @ApiResponse({ status: 403, ...problemResponse })
  @ApiResponse({ status: 422, ...problemResponse })
  async bulkDiscard(@Body() body: unknown, @Req() request: FastifyRequest): Promise<BulkAnswer> {
    return this.bulkFinish('discard', body, request);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One dead letter with its full context (viewer).' })
  @ApiParam({ name: 'id' })
  @ApiResponse({
    status: 200,
    description: 'original event, headers, attempts, current applied version, audit',
  })
  @ApiResponse({ status: 404, ...problemResponse })
  async detail(@Param('id') id: string): Promise<ItemDetail> {
    return this.deps.queries.detail(check(itemId, id));
  }

  @Post(':id/retry')
  @HttpCode(202)
  @ApiOperation({
    summary:
      "Retry now: republish to the target's retry topic as an operator retry (the retry scheduler sends it at once, held while the target's breaker is open, at its drain rate); status becomes retrying (operator). Answered once committed: the item change, its audit entry and the message in the redelivery outbox; the relay publishes it right after.",
  })
  @ApiParam({ name: 'id' })
  @ApiBody({ ...noteBody(false), required: false })
  @ApiResponse({
    status: 202,
    description:
      'the item, now retrying; its redelivery is queued (committed) and published by the relay at once, or when Kafka is back (hub_dlq_outbox_pending)',
  })
  @ApiResponse({ status: 503, ...problemResponse })
  @ApiResponse({ status: 409, ...problemResponse })
  async retry(
    @Param('id') id: string,
    @Body() body: unknown,
    @Req() request: FastifyRequest,
  ): Promise<ItemSummary> {
    const { note } = check(actionBody, body ?? {});
    const item = await this.deps.actions.retry(
      check(itemId, id),
      principalOf(request),
      note ?? null,
    );
    return itemSummary(item);
  }

  @Post(':id/resolve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark resolved, with a required note (operator).' })
  @ApiParam({ name: 'id' })
  @ApiBody(noteBody(true))
  @ApiResponse({ status: 409, ...problemResponse })
  async resolve(
    @Param('id') id: string,
    @Body() body: unknown,
    @Req() request: FastifyRequest,
  ): Promise<ItemSummary> {
    return this.finish(id, 'resolve', body, request);
  }

  @Post(':id/discard')
  @HttpCode(200)
  @ApiOperation({ summary: 'Discard, with a required note (operator).' })
  @ApiParam({ name: 'id' })
  @ApiBody(noteBody(true))
  @ApiResponse({ status: 409, ...problemResponse })
  async discard(
    @Param('id') id: string,
    @Body() body: unknown,
    @Req() request: FastifyRequest,
  ): Promise<ItemSummary> {
    return this.finish(id, 'discard', body, request);
  }

  private async bulkFinish(
    action: 'resolve' | 'discard',
    body: unknown,
    request: FastifyRequest,
  ): Promise<BulkAnswer> {
    const parsed = check(bulkFinishBody, body ?? {});
    return this.deps.actions.bulkFinish(
      action,
      toItemFilter(parsed.filter),
      parsed.dryRun,
      principalOf(request),
      parsed.note ?? null,
    );
  }

  private async finish(
    id: string,
    action: 'resolve' | 'discard',
    body: unknown,
    request: FastifyRequest,
  ): Promise<ItemSummary> {
    const { note } = check(finishBody, body ?? {});
    const item = await this.deps.actions.finish(
      check(itemId, id),
      action,
      principalOf(request),
      note,
    );
    return itemSummary(item);
  }
}
