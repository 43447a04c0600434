import { runService, type RunnableService, type ServiceProcess } from './run-service';

interface FakeProcess extends ServiceProcess {
  readonly listeners: Map<string, () => void>;
  readonly exits: number[];
  readonly stderrText: string[];
  readonly exited: Promise<number>;
}

function fakeProcess(): FakeProcess {
  const listeners = new Map<string, () => void>();
  const exits: number[] = [];
  const stderrText: string[] = [];
  let resolveExit: (code: number) => void = () => undefined;
  const exited = new Promise<number>((resolve) => {
    resolveExit = resolve;
  });
  return {
    listeners,
    exits,
    stderrText,
    exited,
    once: (signal, listener) => listeners.set(signal, listener),
    exit: (code) => {
      exits.push(code);
      resolveExit(code);
    },
    stderr: { write: (text) => stderrText.push(text) },
  };
}

function fakeService(close: () => Promise<void> = () => Promise.resolve()) {
  const info = jest.fn();
  const error = jest.fn();
  const service: RunnableService & { listening: boolean } = {
    logger: { info, error },
    close: jest.fn(close),
    listening: false,
  };
  return { service, info, error };
}

const config = {
  load: () => ({ port: 8080, secret: 'hunter2' }),
  redact: (value: { port: number; secret: string }) => ({ ...value, secret: '[REDACTED]' }),
};

describe('runService', () => {
  it('logs the redacted configuration, listens and exits 0 after draining on SIGTERM', async () => {
    const proc = fakeProcess();
    const { service, info } = fakeService();
    const listen = jest.fn((s: typeof service, c: { port: number }) => {
      s.listening = c.port === 8080;
      return Promise.resolve();
    });
    await runService({ config, create: () => service, listen }, proc);

    expect(info).toHaveBeenCalledWith(
      { config: { port: 8080, secret: '[REDACTED]' } },
      'configuration',
    );
    expect(service.listening).toBe(true);
    expect([...proc.listeners.keys()].sort()).toEqual(['SIGINT', 'SIGTERM']);
    expect(proc.exits).toEqual([]);

    proc.listeners.get('SIGTERM')?.();
    await expect(proc.exited).resolves.toBe(0);
    expect(service.close).toHaveBeenCalledTimes(1);
  });

  it('exits 1 and logs when draining fails', async () => {
    const proc = fakeProcess();
    const failure = new Error('broker gone');
    const { service, error } = fakeService(() => Promise.reject(failure));
    await runService(
      { config, create: () => Promise.resolve(service), listen: () => Promise.resolve() },
      proc,
    );

    proc.listeners.get('SIGINT')?.();
    await expect(proc.exited).resolves.toBe(1);
    expect(error).toHaveBeenCalledWith({ err: failure }, 'shutdown failed');
  });

  it('writes a start-up failure to stderr and exits 1 without waiting for signals', async () => {
    const proc = fakeProcess();
    const broken = {
      load: (): never => {
        throw new Error('KAFKA_BROKERS: must be host:port');
      },
      redact: () => ({}),
    };
    await runService(
      { config: broken, create: () => fakeService().service, listen: () => Promise.resolve() },
      proc,
    );

    expect(proc.stderrText).toEqual(['KAFKA_BROKERS: must be host:port\n']);
    expect(proc.exits).toEqual([1]);
    expect(proc.listeners.size).toBe(0);
  });

  it('reports a listen failure the same way', async () => {
    const proc = fakeProcess();
    await runService(
      {
        config,
        create: () => fakeService().service,
        listen: () => Promise.reject(new Error('EADDRINUSE')),
      },
      proc,
    );
    expect(proc.stderrText).toEqual(['EADDRINUSE\n']);
    expect(proc.exits).toEqual([1]);
  });
});
