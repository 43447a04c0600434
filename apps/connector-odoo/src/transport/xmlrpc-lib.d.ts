// The xmlrpc package's serializer and deserializer, used without its HTTP client (@types/xmlrpc declares only the client).
declare module 'xmlrpc/lib/serializer' {
  export function serializeMethodCall(method: string, params: unknown[], encoding?: string): string;
}

declare module 'xmlrpc/lib/deserializer' {
  import type { Readable } from 'node:stream';

  class Deserializer {
    constructor(encoding?: string);
    deserializeMethodResponse(
      stream: Readable,
      callback: (error: unknown, value: unknown) => void,
    ): void;
  }
  export = Deserializer;
}
