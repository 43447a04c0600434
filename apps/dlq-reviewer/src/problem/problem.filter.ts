/**
 * The one place errors become HTTP answers: RFC 9457 problem+json via toProblem(). Nest
 * installs its exception layer as Fastify's error handler, so errors from the access hook,
 * the console routes and Fastify itself (body limit, bad JSON) arrive here too.
 */
import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Logger } from '@hub/observability';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE } from './problem-catalog';
import { toProblem } from './to-problem';

@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    // The path only: query strings carry operator filters, not needed in a problem.
    const path = request.url.split('?')[0];
    const problem = toProblem(error, path);
    if (problem.status >= 500) this.logger.error({ err: error, path }, 'request failed');
    void reply
      .code(problem.status)
      .headers(problem.headers)
      .type(PROBLEM_CONTENT_TYPE)
      .send(problem.body);
  }
}
