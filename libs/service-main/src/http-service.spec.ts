import { Controller, Get, Module } from '@nestjs/common';
import { HealthRegistry, createLogger, createRegistry } from '@hub/observability';
import { createHttpService, type HttpService } from './http-service';

@Controller('webhooks')
class WebhookController {
  @Get('ping')
  ping(): { pong: true } {
    return { pong: true };
  }
}

@Module({ controllers: [WebhookController] })
class WebhookModule {}

async function service(adminListener: boolean): Promise<HttpService> {
  const http = await createHttpService({
    module: { module: WebhookModule },
    logger: createLogger({ service: 'http-service-spec', level: 'silent' }),
    health: new HealthRegistry(),
    registry: createRegistry(),
    adminListener,
  });
  await http.init();
  return http;
}

const statusOf = async (url: string): Promise<number> => (await fetch(url)).status;

describe('createHttpService', () => {
  it('with an admin listener, serves the probes there only and the routes on the public port', async () => {
    const http = await service(true);
    const { url, adminUrl } = await http.listen({ host: '127.0.0.1', port: 0, adminPort: 0 });
    const answers = {
      publicPing: await statusOf(`${url}/webhooks/ping`),
      publicProbes: await Promise.all(
        ['/healthz', '/readyz', '/metrics'].map((p) => statusOf(url + p)),
      ),
      adminProbes: await Promise.all(
        ['/healthz', '/readyz', '/metrics'].map((p) => statusOf(adminUrl + p)),
      ),
      adminPing: await statusOf(`${adminUrl}/webhooks/ping`),
    };
    await http.close();
    expect(http.separateAdmin).toBe(true);
    expect(adminUrl).not.toBe(url);
    expect(answers).toEqual({
      publicPing: 200,
      publicProbes: [404, 404, 404],
      adminProbes: [200, 200, 200],
      adminPing: 404,
    });
  });

  it('closes both listeners', async () => {
    const http = await service(true);
    const { url, adminUrl } = await http.listen({ host: '127.0.0.1', port: 0, adminPort: 0 });
    await http.close();
    await expect(fetch(`${url}/webhooks/ping`)).rejects.toThrow();
    await expect(fetch(`${adminUrl}/healthz`)).rejects.toThrow();
  });

  it('without an admin listener, serves everything on the one port', async () => {
    const http = await service(false);
    const { url, adminUrl } = await http.listen({ host: '127.0.0.1', port: 0 });
    const statuses = await Promise.all(
      ['/webhooks/ping', '/healthz', '/readyz', '/metrics'].map((p) => statusOf(url + p)),
    );
    await http.close();
    expect(adminUrl).toBe(url);
    expect(statuses).toEqual([200, 200, 200, 200]);
  });

  it('refuses to listen with an admin listener but no admin port, and listens on nothing', async () => {
    const http = await service(true);
    const outcome = await http.listen({ host: '127.0.0.1', port: 0 }).then(
      () => 'listening',
      (error: unknown) => (error instanceof Error ? error.message : String(error)),
    );
    await http.close();
    expect(outcome).toBe('an admin listener needs its port');
  });
});
