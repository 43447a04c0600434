/** OpenAPI 3 document of the API, served at /docs (UI) and /docs-json; both need a sign-in like the API. */
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

export function setUpOpenApi(app: NestFastifyApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('DLQ reviewer')
      .setDescription(
        'Dead letters of the ERP integration hub: list, inspect, retry now, bulk retry, resolve, discard; audit log; change requests forwarded to owners and their delivery state; reconciliation drift of the connectors (summary, items, re-check, repair, ignore, approve a halted run, run a level); per-target state and the target controls (pause, resume, force the breakers, pull retries forward, replay by entity key or correlation id). Errors are RFC 9457 problem+json. Roles: viewer reads, operator acts.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}
