import { setImmediate as tick } from 'node:timers/promises';
import { captureLogLines } from './capture-log-lines';
import { createLogger } from './create-logger';
import { currentLogContext, withLogContext } from './log-context';

describe('withLogContext', () => {
  it('adds the context to every line logged during the handling, across awaits', async () => {
    const { destination, lines } = captureLogLines();
    const logger = createLogger({ service: 'connector-odoo', destination });
    logger.info('before');
    await withLogContext({ correlationId: 'c-1', target: 'odoo' }, async () => {
      logger.info('start');
      await tick();
      logger.child({ step: 'write' }).info('written');
    });
    logger.info('after');
    expect(
      lines.map(({ msg, correlationId, target, step }) => ({ msg, correlationId, target, step })),
    ).toEqual([
      { msg: 'before', correlationId: undefined, target: undefined, step: undefined },
      { msg: 'start', correlationId: 'c-1', target: 'odoo', step: undefined },
      { msg: 'written', correlationId: 'c-1', target: 'odoo', step: 'write' },
      { msg: 'after', correlationId: undefined, target: undefined, step: undefined },
    ]);
  });

  it('keeps concurrent handlings apart', async () => {
    const { destination, lines } = captureLogLines();
    const logger = createLogger({ service: 'connector-odoo', destination });
    const handle = (correlationId: string) =>
      withLogContext({ correlationId }, async () => {
        for (let step = 0; step < 3; step += 1) {
          await tick();
          logger.info({ handled: correlationId }, 'step');
        }
      });
    await Promise.all([handle('a'), handle('b')]);
    expect(lines).toHaveLength(6);
    expect(lines.every((line) => line.correlationId === line.handled)).toBe(true);
  });

  it('merges nested contexts, inner fields winning', () => {
    const seen = withLogContext({ correlationId: 'outer', system: 'wms' }, () =>
      withLogContext({ correlationId: 'inner', attempt: 2 }, () => currentLogContext()),
    );
    expect(seen).toEqual({ correlationId: 'inner', system: 'wms', attempt: 2 });
    expect(currentLogContext()).toEqual({});
  });

  it("lets a line's own fields override the context", () => {
    const { destination, lines } = captureLogLines();
    const logger = createLogger({ service: 'ingress', destination });
    withLogContext({ correlationId: 'ctx' }, () => {
      logger.info({ correlationId: 'explicit' }, 'override');
    });
    expect(lines[0]?.correlationId).toBe('explicit');
  });
});
