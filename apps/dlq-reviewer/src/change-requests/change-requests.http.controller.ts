/** GET /api/change-requests: change requests to owners and their delivery state (viewer). */
import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { REVIEWER_DEPS, type ReviewerDeps } from '../app/reviewer-deps';
import { problemResponse } from '../api/openapi-parameters';
import { ApiChangeRequestQuery, parseChangeRequestQuery } from './change-request-query';
import type { ChangeRequestPage } from './change-request-store';

@ApiTags('change-requests')
@ApiBearerAuth()
@ApiResponse({ status: 401, ...problemResponse })
@Controller('api/change-requests')
export class ChangeRequestsHttpController {
  constructor(@Inject(REVIEWER_DEPS) private readonly deps: ReviewerDeps) {}

  @Get()
  @ApiOperation({
    summary:
      "Change requests (an ERP changed data another system owns; the hub refused the write and forwarded it to the owner), newest change first, with the delivery to the owner's endpoint: pending, delivered, no-change (not delivered: it proposed the owner's current value), failed (in the retry queue) or dead-lettered (viewer).",
  })
  @ApiChangeRequestQuery()
  @ApiResponse({
    status: 200,
    description:
      '{ items: [{ correlationId, entityType, entityKey, requester, requestedBy, ownerSystem, reason, proposedJson, changedAt, state, target, attempts, lastErrorCode, lastError, lastOutcomeAt }], total, page, pageSize }',
  })
  @ApiResponse({ status: 400, ...problemResponse })
  list(@Query() query: Record<string, unknown>): Promise<ChangeRequestPage> {
    const { filter, page, pageSize } = parseChangeRequestQuery(query);
    return this.deps.changeRequests.page(filter, page, pageSize);
  }
}
