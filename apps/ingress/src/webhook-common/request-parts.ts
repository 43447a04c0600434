/** Typed access to the parts of a Fastify request the adapters need. */
import type { FastifyRequest } from 'fastify';

export function singleHeader(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The body as received: the raw-body parser hands every content type over as a Buffer. */
export function rawBodyOf(request: FastifyRequest): Buffer {
  return Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
}
