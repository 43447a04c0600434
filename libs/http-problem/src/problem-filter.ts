/**
 * The one place errors become HTTP answers in a Nest app on Fastify. Nest installs its
 * exception layer as Fastify's error handler, so Fastify's own client errors (body limit,
 * content length, bad JSON) and errors thrown in hooks arrive here too; an app sets no
 * error handler of its own (a second one would override Nest's: FSTWRN004).
 */
import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE } from './problem-types';
import type { ProblemResponse } from './to-problem';

export interface ProblemFilterOptions<C extends string> {
  readonly toProblem: (error: unknown, instance?: string) => ProblemResponse<C>;
  readonly logger: { error(details: object, message: string): void };
  /** The `instance` member; default the request path without its query string. */
  readonly instanceOf?: (request: FastifyRequest) => string | undefined;
  /** Fields logged with a 5xx besides `err`; default `{ path }`. */
  readonly logFields?: (request: FastifyRequest) => object;
  /** Message of the 5xx log line; default `request failed`. */
  readonly failureMessage?: string;
  /** Called for every problem answered (metrics). */
  readonly onProblem?: (request: FastifyRequest, problem: ProblemResponse<C>) => void;
}

/** The request path; query strings may carry tokens or filters that do not belong in a problem. */
export function pathOf(request: FastifyRequest): string | undefined {
  return request.url.split('?')[0];
}

export function sendProblem(reply: FastifyReply, problem: ProblemResponse): void {
  void reply
    .code(problem.status)
    .headers(problem.headers)
    .type(PROBLEM_CONTENT_TYPE)
    .send(problem.body);
}

@Catch()
export class ProblemFilter<C extends string> implements ExceptionFilter {
  constructor(private readonly options: ProblemFilterOptions<C>) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const { instanceOf = pathOf, logFields, failureMessage = 'request failed' } = this.options;
    const problem = this.options.toProblem(error, instanceOf(request));
    if (problem.status >= 500) {
      const fields = logFields === undefined ? { path: pathOf(request) } : logFields(request);
      this.options.logger.error({ err: error, ...fields }, failureMessage);
    }
    this.options.onProblem?.(request, problem);
    sendProblem(reply, problem);
  }
}
