/**
 * The xmlrpc package's own (de)serializer, used on Fastify routes instead of its http
 * server. @types/xmlrpc covers only the public API, hence the typed require.
 */
import type { Readable } from 'node:stream';

interface DeserializerInstance {
  deserializeMethodCall(
    stream: Readable,
    callback: (error: Error | null, methodName?: string, params?: unknown[]) => void,
  ): void;
  deserializeMethodResponse(
    stream: Readable,
    callback: (error: Error | null, result?: unknown) => void,
  ): void;
}

interface SerializerModule {
  serializeMethodResponse(value: unknown): string;
  serializeFault(fault: unknown): string;
  serializeMethodCall(method: string, params: unknown[]): string;
}

/* eslint-disable @typescript-eslint/no-require-imports -- untyped internals of the xmlrpc package */
const Deserializer = require('xmlrpc/lib/deserializer') as new () => DeserializerInstance;
const serializer = require('xmlrpc/lib/serializer') as SerializerModule;
/* eslint-enable @typescript-eslint/no-require-imports */

export function deserializeMethodCall(
  stream: Readable,
): Promise<{ methodName: string; params: unknown[] }> {
  return new Promise((resolve, reject) => {
    new Deserializer().deserializeMethodCall(stream, (error, methodName, params) => {
      if (error) reject(error);
      else resolve({ methodName: methodName ?? '', params: params ?? [] });
    });
  });
}

export const serializeMethodResponse = (value: unknown): string =>
  serializer.serializeMethodResponse(value);
export const serializeFault = (fault: { faultCode: number; faultString: string }): string =>
  serializer.serializeFault(fault);

export const serializeMethodCall = (method: string, params: unknown[]): string =>
  serializer.serializeMethodCall(method, params);

/** Resolves with the value, rejects with the fault (an Error with faultCode/faultString). */
export function deserializeMethodResponse(stream: Readable): Promise<unknown> {
  return new Promise((resolve, reject) => {
    new Deserializer().deserializeMethodResponse(stream, (error, result) => {
      if (error) reject(error);
      else resolve(result);
    });
  });
}
