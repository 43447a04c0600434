import { captureLogLines } from './capture-log-lines';
import { createLogger } from './create-logger';
import { nestLoggerFrom } from './nest-logger';

describe('nestLoggerFrom', () => {
  it("maps Nest's calls, context and error stack onto JSON lines", () => {
    const { destination, lines } = captureLogLines();
    const nest = nestLoggerFrom(createLogger({ service: 'ingress', level: 'trace', destination }));
    nest.log('Mapped {/healthz, GET}', 'RouterExplorer');
    nest.error('Boom', 'Error: Boom\n    at x', 'ExceptionHandler');
    nest.warn({ deprecated: true }, 'Config');
    nest.verbose?.('details');
    expect(lines.map(({ level, msg, context, stack }) => ({ level, msg, context, stack }))).toEqual(
      [
        {
          level: 'info',
          msg: 'Mapped {/healthz, GET}',
          context: 'RouterExplorer',
          stack: undefined,
        },
        {
          level: 'error',
          msg: 'Boom',
          context: 'ExceptionHandler',
          stack: 'Error: Boom\n    at x',
        },
        { level: 'warn', msg: '{"deprecated":true}', context: 'Config', stack: undefined },
        { level: 'trace', msg: 'details', context: undefined, stack: undefined },
      ],
    );
  });

  it('serialises an Error message as err', () => {
    const { destination, lines } = captureLogLines();
    nestLoggerFrom(createLogger({ service: 'ingress', destination })).error(
      new Error('listen EADDRINUSE'),
    );
    expect(lines[0]).toMatchObject({
      level: 'error',
      msg: 'listen EADDRINUSE',
      err: { message: 'listen EADDRINUSE' },
    });
  });
});
