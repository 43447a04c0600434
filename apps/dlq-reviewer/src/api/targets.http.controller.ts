/** GET /api/targets: per target, open dead letters and the retry scheduler's state (viewer). */
import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { REVIEWER_DEPS, type ReviewerDeps } from '../app/reviewer-deps';
import { problemResponse } from './openapi-parameters';
import type { TargetOverview } from './target-overview';

@ApiTags('targets')
@ApiBearerAuth()
@ApiResponse({ status: 401, ...problemResponse })
@Controller('api/targets')
export class TargetsHttpController {
  constructor(@Inject(REVIEWER_DEPS) private readonly deps: ReviewerDeps) {}

  @Get()
  @ApiOperation({
    summary:
      "Per target: open and retrying dead letters, the oldest open one, the top 3 error codes, and the retry scheduler's breaker state and pending retries when DLQ_SCHEDULER_STATUS_URL is set (viewer).",
  })
  @ApiResponse({
    status: 200,
    description:
      '{ scheduler: { state: not-configured | reachable | unreachable, url?, error? }, targets: [{ target, open, retrying, oldestOpenAt, topErrorCodes: [{ errorCode, count }], scheduler: { breaker, pending, nextDueAt, oldestFirstFailureAt } | null }] }',
  })
  overview(): Promise<TargetOverview> {
    return this.deps.overviews.overview();
  }
}
