/** The one place errors become HTTP answers: RFC 9457 problem+json via toProblem(). */
import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Logger } from '@hub/observability';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE } from './admin-error';
import { toProblem } from './to-problem';

@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const problem = toProblem(error, request.url.split('?')[0]);
    if (problem.status >= 500) this.logger.error({ err: error }, 'admin request failed');
    void reply
      .code(problem.status)
      .headers(problem.headers)
      .type(PROBLEM_CONTENT_TYPE)
      .send(problem.body);
  }
}
