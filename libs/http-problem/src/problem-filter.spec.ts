import type { ArgumentsHost } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ProblemFilter } from './problem-filter';
import type { ProblemResponse } from './to-problem';

function fakeReply() {
  const sent: { status?: number; headers?: object; type?: string; body?: unknown } = {};
  const reply = {
    code: (status: number) => ((sent.status = status), reply),
    headers: (headers: object) => ((sent.headers = headers), reply),
    type: (type: string) => ((sent.type = type), reply),
    send: (body: unknown) => ((sent.body = body), reply),
  };
  return { reply: reply as unknown as FastifyReply, sent };
}

function hostFor(request: Partial<FastifyRequest>, reply: FastifyReply): ArgumentsHost {
  return {
    switchToHttp: () => ({ getRequest: () => request, getResponse: () => reply }),
  } as unknown as ArgumentsHost;
}

const problem = (status: number): ProblemResponse<'X'> => ({
  code: 'X',
  status,
  headers: status === 503 ? { 'retry-after': '5' } : {},
  body: { status },
});

describe('ProblemFilter', () => {
  it('sends problem+json with the path (no query) as instance and logs no client error', () => {
    const error = jest.fn();
    const instances: (string | undefined)[] = [];
    const filter = new ProblemFilter({
      toProblem: (_error: unknown, instance?: string) => {
        instances.push(instance);
        return problem(404);
      },
      logger: { error },
    });
    const { reply, sent } = fakeReply();
    filter.catch(new Error('x'), hostFor({ url: '/items?token=secret' }, reply));
    expect(instances).toEqual(['/items']);
    expect(sent).toEqual({
      status: 404,
      headers: {},
      type: 'application/problem+json',
      body: { status: 404 },
    });
    expect(error).not.toHaveBeenCalled();
  });

  it('logs a 5xx with the chosen fields and message and reports every problem', () => {
    const error = jest.fn();
    const seen: string[] = [];
    const failure = new Error('bug');
    const filter = new ProblemFilter({
      toProblem: () => problem(503),
      logger: { error },
      instanceOf: () => '/route/:id',
      logFields: () => ({ route: '/route/:id' }),
      failureMessage: 'admin request failed',
      onProblem: (_request, answered) => seen.push(answered.code),
    });
    const { reply, sent } = fakeReply();
    filter.catch(failure, hostFor({ url: '/route/1' }, reply));
    expect(error).toHaveBeenCalledWith(
      { err: failure, route: '/route/:id' },
      'admin request failed',
    );
    expect(seen).toEqual(['X']);
    expect(sent.headers).toEqual({ 'retry-after': '5' });
  });

  it('logs the path by default', () => {
    const error = jest.fn();
    const failure = new Error('bug');
    const filter = new ProblemFilter({ toProblem: () => problem(500), logger: { error } });
    filter.catch(failure, hostFor({ url: '/a?b=c' }, fakeReply().reply));
    expect(error).toHaveBeenCalledWith({ err: failure, path: '/a' }, 'request failed');
  });
});
