/**
 * Start-up registration: every catalog schema under its subject (`<topic>-value`), with
 * BACKWARD compatibility set on each subject first, so an incompatible schema is refused
 * (SCHEMA_INCOMPATIBLE) instead of silently becoming the new version. Idempotent: an
 * unchanged schema gets its existing id back.
 * Apicurio 3 (ccompat) accepts PUT /config for a subject that does not exist yet (except
 * for NONE); a registry that answers 404 there gets the config right after the first version.
 */
import { schemaText, contractCatalog, type ContractEntry } from '../topics/contract-catalog';
import { registryCall, registryFailure, type RegistryClientOptions } from './registry-request';

export interface RegisteredContract {
  readonly topic: string;
  readonly subject: string;
  readonly schemaId: number;
}

export interface RegisterCatalogOptions extends RegistryClientOptions {
  readonly entries?: readonly ContractEntry[];
  /** Prepended to every subject (tests use a unique one); none in production. */
  readonly subjectPrefix?: string;
}

const backward = { compatibility: 'BACKWARD' };

async function setBackward(options: RegistryClientOptions, subject: string): Promise<boolean> {
  const response = await registryCall(
    options,
    'PUT',
    `/config/${encodeURIComponent(subject)}`,
    backward,
  );
  if (response.status === 404) return false;
  if (response.status !== 200) throw registryFailure(response, `Setting BACKWARD on ${subject}`);
  return true;
}

function schemaIdOf(body: unknown): number | undefined {
  const id = typeof body === 'object' && body !== null ? (body as { id?: unknown }).id : undefined;
  return typeof id === 'number' ? id : undefined;
}

export async function registerSchema(
  options: RegistryClientOptions,
  subject: string,
  schema: string,
): Promise<number> {
  const configured = await setBackward(options, subject);
  const response = await registryCall(
    options,
    'POST',
    `/subjects/${encodeURIComponent(subject)}/versions`,
    { schema, schemaType: 'AVRO' },
  );
  const schemaId = schemaIdOf(response.body);
  if (response.status !== 200 || schemaId === undefined)
    throw registryFailure(response, `Registering ${subject}`);
  if (!configured && !(await setBackward(options, subject))) {
    throw registryFailure(
      { status: 404, body: 'subject vanished after registration' },
      `Setting BACKWARD on ${subject}`,
    );
  }
  return schemaId;
}

export async function registerCatalog(
  options: RegisterCatalogOptions,
): Promise<RegisteredContract[]> {
  const registered: RegisteredContract[] = [];
  for (const entry of options.entries ?? contractCatalog) {
    const subject = `${options.subjectPrefix ?? ''}${entry.subject}`;
    registered.push({
      topic: entry.topic,
      subject,
      schemaId: await registerSchema(options, subject, schemaText(entry.schema)),
    });
  }
  return registered;
}
