/** /api/audit: who did what, when, with which note; newest first. */
import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { REVIEWER_DEPS, type ReviewerDeps } from '../app/reviewer-deps';
import { problemResponse } from './openapi-parameters';
import { parseAuditQuery } from './request-schemas';
import { auditActions } from '../store/audit-store';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/audit')
export class AuditHttpController {
  constructor(@Inject(REVIEWER_DEPS) private readonly deps: ReviewerDeps) {}

  @Get()
  @ApiOperation({ summary: 'The audit log, newest first (viewer).' })
  @ApiQuery({ name: 'itemId', required: false })
  @ApiQuery({ name: 'actor', required: false })
  @ApiQuery({
    name: 'action',
    required: false,
    description: `one of ${auditActions.join(', ')}`,
  })
  @ApiQuery({ name: 'before', required: false, description: 'nextBefore of the previous page' })
  @ApiQuery({ name: 'limit', required: false, description: '1 to 200, default 50' })
  @ApiResponse({ status: 200, description: '{ entries: [...], nextBefore: string | null }' })
  @ApiResponse({ status: 400, ...problemResponse })
  async list(@Query() query: unknown) {
    const { filter, limit } = parseAuditQuery(query);
    const entries = await this.deps.audit.page(filter, limit);
    const last = entries.at(-1);
    return {
      entries: entries.map((entry) => ({ ...entry, at: new Date(entry.at).toISOString() })),
      nextBefore: entries.length === limit && last !== undefined ? last.id : null,
    };
  }
}
