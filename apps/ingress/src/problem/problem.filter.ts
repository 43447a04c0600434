/**
 * The one place errors become HTTP answers: RFC 9457 problem+json via toProblem(). Nest
 * installs its exception layer as Fastify's error handler, so Fastify's own client errors
 * (body limit, content length) arrive here too; the ingress sets no error handler of its
 * own (a second one would override Nest's, which Fastify warns about: FSTWRN004).
 */
import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Logger } from '@hub/observability';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { WebhookMetrics } from '../metrics/webhook-metrics';
import { PROBLEM_CONTENT_TYPE } from './problem-catalog';
import { toProblem } from './to-problem';

@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(
    private readonly logger: Logger,
    private readonly metrics: WebhookMetrics,
  ) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    // The route pattern, not the URL: Odoo's URL carries its token.
    const route = request.routeOptions.url;
    const problem = toProblem(error, route ?? request.url.split('?')[0]);
    if (problem.status >= 500) this.logger.error({ err: error, route }, 'request failed');
    this.metrics.rejected(request, problem.code);
    void reply
      .code(problem.status)
      .headers(problem.headers)
      .type(PROBLEM_CONTENT_TYPE)
      .send(problem.body);
  }
}
