/**
 * OpenAPI at /docs (Swagger UI) and /docs-json (the document), on the admin port when
 * INGRESS_ADMIN_PORT is set. Webhook routes are
 * described by decorators on their controllers; the probes, registered on Fastify
 * directly, and the shared Problem schema are added here.
 */
import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { problemSchema } from './openapi-schemas';

export const DOCS_PATH = 'docs';
/** Where SwaggerModule serves the document (its default for DOCS_PATH; /docs-yaml too). */
export const DOCS_JSON_PATH = '/docs-json';

const text = (description: string) => ({
  description,
  content: { 'text/plain': { schema: { type: 'string' } } },
});

const probePaths: OpenAPIObject['paths'] = {
  '/healthz': {
    get: {
      tags: ['probes'],
      summary: 'Liveness: 200 while the process answers',
      responses: { '200': text('Alive.') },
    },
  },
  '/readyz': {
    get: {
      tags: ['probes'],
      summary: 'Readiness: 200 only while the Kafka producer is connected',
      responses: { '200': text('Ready.'), '503': text('Not ready (Kafka not connected).') },
    },
  },
  '/metrics': {
    get: {
      tags: ['probes'],
      summary: 'Prometheus metrics (hub_ingress_*, hub_reverse_direction_writes_total)',
      responses: { '200': text('Prometheus text exposition format 0.0.4.') },
    },
  },
};

/** BC's handshake method is undocumented, so the route takes every method; POST is what BC sends. */
function keepOnlyPost(document: OpenAPIObject, path: string): void {
  const item = document.paths[path];
  if (item?.post !== undefined) document.paths[path] = { post: item.post };
}

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Hub ingress')
    .setDescription(
      'Webhooks from the WMS and the ERPs. Every answer is given after Kafka acknowledged (acks=all); every refusal is RFC 9457 application/problem+json.',
    )
    .setVersion('1')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  keepOnlyPost(document, '/webhooks/business-central/{systemId}');
  document.paths = { ...document.paths, ...probePaths };
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, Problem: problemSchema },
  };
  return document;
}

/**
 * The document describes `app`'s routes and is served by `server`: the admin listener when
 * there is one (it lists the configured routes, not for the ERPs' eyes), else `app` itself.
 */
export function setupOpenApi(app: INestApplication, server: INestApplication = app): void {
  SwaggerModule.setup(DOCS_PATH, server, buildOpenApiDocument(app));
}
