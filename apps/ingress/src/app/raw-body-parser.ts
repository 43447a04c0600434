/**
 * Signatures are computed over the exact bytes sent (Standard Webhooks: never re-serialize
 * the JSON), so every content type is parsed as a raw Buffer and each route decodes and
 * checks the media type itself. Fastify still enforces the body limit (413).
 *
 * The media types the routes accept are registered by name besides the catch-all: Fastify
 * remembers which parser a Content-Type header got only when a named parser matched, and
 * parses the header again on every request that falls through to `*`.
 */
import type { FastifyInstance } from 'fastify';

/** What the webhook senders post (SAP's structured CloudEvents included). */
const NAMED_MEDIA_TYPES = ['application/json', 'application/cloudevents+json'];

export function keepRawBodies(fastify: FastifyInstance): void {
  fastify.removeAllContentTypeParsers();
  for (const mediaType of [...NAMED_MEDIA_TYPES, '*'])
    fastify.addContentTypeParser<Buffer>(
      mediaType,
      { parseAs: 'buffer' },
      (_request, body, done) => {
        done(null, body);
      },
    );
}
