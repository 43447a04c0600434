/**
 * Signatures are computed over the exact bytes sent (Standard Webhooks: never re-serialize
 * the JSON), so every content type is parsed as a raw Buffer and each route decodes and
 * checks the media type itself. Fastify still enforces the body limit (413).
 */
import type { FastifyInstance } from 'fastify';

export function keepRawBodies(fastify: FastifyInstance): void {
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => {
    done(null, body);
  });
}
