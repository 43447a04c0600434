import { captureLogLines } from './capture-log-lines';
import { createLogger } from './create-logger';

const fixedNow = () => new Date('2025-03-01T10:05:00.000Z');

describe('createLogger', () => {
  it('writes one JSON object per line with level word, ISO time and service', () => {
    const { destination, lines } = captureLogLines();
    createLogger({ service: 'ingress', destination, now: fixedNow }).info(
      { route: '/webhooks/wms' },
      'accepted',
    );
    expect(lines).toEqual([
      {
        level: 'info',
        time: '2025-03-01T10:05:00.000Z',
        service: 'ingress',
        route: '/webhooks/wms',
        msg: 'accepted',
      },
    ]);
  });

  it('uses the system clock in ISO form by default', () => {
    const { destination, lines } = captureLogLines();
    createLogger({ service: 'ingress', destination }).info('up');
    expect(String(lines[0]?.time)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it('drops lines below the level', () => {
    const { destination, lines } = captureLogLines();
    const logger = createLogger({ service: 'ingress', level: 'warn', destination });
    logger.info('hidden');
    logger.warn('shown');
    expect(lines.map((line) => line.msg)).toEqual(['shown']);
  });

  it('redacts authorization, webhook signatures, tokens and passwords', () => {
    const { destination, lines } = captureLogLines();
    createLogger({ service: 'ingress', destination, now: fixedNow }).info(
      {
        req: {
          headers: {
            authorization: 'Bearer abc',
            'webhook-signature': 'v1,sig',
            'content-type': 'application/json',
          },
        },
        headers: { Authorization: 'Basic xyz', 'x-api-key': 'k' },
        token: 't0k',
        odoo: { password: 'pw', db: 'prod' },
      },
      'received',
    );
    expect(lines[0]).toMatchObject({
      req: {
        headers: {
          authorization: '[REDACTED]',
          'webhook-signature': '[REDACTED]',
          'content-type': 'application/json',
        },
      },
      headers: { Authorization: '[REDACTED]', 'x-api-key': '[REDACTED]' },
      token: '[REDACTED]',
      odoo: { password: '[REDACTED]', db: 'prod' },
    });
    expect(JSON.stringify(lines[0])).not.toMatch(/abc|v1,sig|xyz|t0k|"pw"/);
  });

  it('accepts extra redaction paths', () => {
    const { destination, lines } = captureLogLines();
    createLogger({ service: 'connector-sap', destination, redact: ['sap.csrfToken'] }).info(
      { sap: { csrfToken: 'x1', client: '100' } },
      'call',
    );
    expect(lines[0]).toMatchObject({ sap: { csrfToken: '[REDACTED]', client: '100' } });
  });

  it('serialises errors with message and stack', () => {
    const { destination, lines } = captureLogLines();
    createLogger({ service: 'ingress', destination }).error(
      { err: new Error('broker down') },
      'publish failed',
    );
    expect(lines[0]).toMatchObject({
      err: { type: 'Error', message: 'broker down' },
      msg: 'publish failed',
    });
    expect(String((lines[0]?.err as { stack?: unknown }).stack)).toContain('broker down');
  });
});
