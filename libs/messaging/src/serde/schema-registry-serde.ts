import type { Resolver } from 'avsc';
import { MessagingError } from '../errors/messaging-error';
import {
  avroCodec,
  avroResolver,
  decodeAvro,
  encodeAvro,
  type AvroCodec,
  type AvroSchema,
} from './avro';
import {
  RegistryClient,
  type CompatibilityLevel,
  type RegistryConnection,
} from './registry-client';
import { frame, unframe } from './wire-format';

export interface RegisterOptions {
  /** Set on the subject (PUT /config/{subject}) before registering; default BACKWARD. */
  readonly compatibility?: CompatibilityLevel;
}

export interface DecodeOptions {
  /** Read the value as the schema registered here under this subject (Avro schema resolution). */
  readonly as?: string;
}

/**
 * Avro values in the Confluent wire format. `register` at start-up talks to the registry;
 * `encode` never does (it uses the id cached by register); `decode` asks the registry once
 * per unknown writer schema id and caches the reader.
 */
export interface SchemaRegistrySerde {
  register(subject: string, schema: AvroSchema, options?: RegisterOptions): Promise<number>;
  /** Throws SUBJECT_NOT_REGISTERED when `register` was not called for the subject, AVRO_INVALID_VALUE when the value does not fit. */
  encode(subject: string, value: unknown): Buffer;
  decode(buffer: Buffer | null, options?: DecodeOptions): Promise<unknown>;
  schemaIdOf(subject: string): number | undefined;
}

interface Registered {
  readonly id: number;
  readonly codec: AvroCodec;
}

export function createSchemaRegistrySerde(connection: RegistryConnection): SchemaRegistrySerde {
  const registry = new RegistryClient(connection);
  const subjects = new Map<string, Registered>();
  const writers = new Map<number, Promise<AvroCodec>>();
  const resolvers = new Map<string, Resolver>();

  const writerCodec = (id: number): Promise<AvroCodec> => {
    const cached = writers.get(id);
    if (cached) return cached;
    const loading = registry.schemaById(id).then(({ schema, schemaType }) => {
      if (schemaType !== 'AVRO') {
        throw new MessagingError(
          'UNSUPPORTED_SCHEMA_TYPE',
          `Schema id ${id} is ${schemaType}, only AVRO is supported`,
          false,
        );
      }
      return avroCodec(schema, `Registered schema id ${id}`);
    });
    writers.set(id, loading);
    // A failed lookup is not cached: an outage passes, and an unknown id may be registered later.
    loading.catch(() => writers.delete(id));
    return loading;
  };

  const resolverFor = (
    id: number,
    writer: AvroCodec,
    subject: string,
    reader: Registered,
  ): Resolver => {
    const key = `${id}\u0000${subject}`;
    let resolver = resolvers.get(key);
    if (!resolver) {
      resolver = avroResolver(reader.codec, writer, `Schema id ${id} cannot be read as ${subject}`);
      resolvers.set(key, resolver);
    }
    return resolver;
  };

  return {
    async register(subject, schema, options = {}) {
      const codec = avroCodec(schema, `Schema for ${subject}`);
      await registry.setCompatibility(subject, options.compatibility ?? 'BACKWARD');
      const id = await registry.register(subject, JSON.stringify(schema));
      subjects.set(subject, { id, codec });
      if (!writers.has(id)) writers.set(id, Promise.resolve(codec));
      return id;
    },
    encode(subject, value) {
      const registered = subjects.get(subject);
      if (!registered)
        throw new MessagingError(
          'SUBJECT_NOT_REGISTERED',
          `Subject ${subject} was not registered by this serde`,
          false,
        );
      return frame(registered.id, encodeAvro(registered.codec, value, subject));
    },
    async decode(buffer, options = {}) {
      const { schemaId, payload } = unframe(buffer);
      const writer = await writerCodec(schemaId);
      if (options.as === undefined) return decodeAvro(writer, payload);
      const reader = subjects.get(options.as);
      if (!reader)
        throw new MessagingError(
          'SUBJECT_NOT_REGISTERED',
          `Subject ${options.as} was not registered by this serde`,
          false,
        );
      if (reader.id === schemaId) return decodeAvro(reader.codec, payload);
      return decodeAvro(reader.codec, payload, resolverFor(schemaId, writer, options.as, reader));
    },
    schemaIdOf(subject) {
      return subjects.get(subject)?.id;
    },
  };
}
