/**
 * The README's event reference, rendered from the schemas themselves (field names, types,
 * rules and docs), so the documentation cannot drift from the contracts; a unit test
 * compares it with the README, and cli.ts rewrites the block.
 */
import { isNullableSchema, type AvroField, type AvroSchema } from '../avro/avro-schema';
import { contractCatalog } from '../topics/contract-catalog';
import { envelopeFields } from '../envelope/envelope-fields';
import { entityTypes } from '../identity/entity-types';

function typeText(schema: AvroSchema): string {
  if (typeof schema === 'string') return schema;
  if (isNullableSchema(schema)) return `${typeText(schema[1])} \\| null`;
  if ('logicalType' in schema)
    return schema.logicalType === 'date' ? 'date (`YYYY-MM-DD`)' : 'timestamp (ms)';
  switch (schema.type) {
    case 'string': {
      const values = schema['hub.values'];
      if (values) return values.map((value) => `\`${value}\``).join(' \\| ');
      return schema['hub.format'] ? `string (${schema['hub.format']})` : 'string';
    }
    case 'int':
      return schema['hub.format'] ? `int (${schema['hub.format']})` : 'int';
    case 'enum':
      return schema.symbols.map((symbol) => `\`${symbol}\``).join(' \\| ');
    case 'array':
      return `array of ${typeText(schema.items)}`;
    case 'map':
      return `map of ${typeText(schema.values)}`;
    case 'record':
      return schema.name;
  }
}

/** The fields of a record inside this type (directly, optional, or as array items). */
function recordOf(schema: AvroSchema): readonly AvroField[] | undefined {
  if (isNullableSchema(schema)) return recordOf(schema[1]);
  if (typeof schema === 'string') return undefined;
  if (schema.type === 'record') return schema.fields;
  if (schema.type === 'array') return recordOf(schema.items);
  return undefined;
}

function rows(fields: readonly AvroField[], prefix: string): string[] {
  return fields.flatMap((field) => {
    const path = `${prefix}${field.name}`;
    const nested = recordOf(field.type);
    const arrayMark =
      !isNullableSchema(field.type) && typeof field.type !== 'string' && field.type.type === 'array'
        ? '[]'
        : '';
    const row = `| \`${path}\` | ${typeText(field.type)} | ${(field.doc ?? '').replace(/\|/g, '\\|')} |`;
    return nested ? [row, ...rows(nested, `${path}${arrayMark}.`)] : [row];
  });
}

const header = ['| field | type | meaning |', '|---|---|---|'];

export function renderEventReference(): string {
  const envelope = [
    '#### Envelope (first fields of every value)',
    '',
    ...header,
    ...rows(envelopeFields(entityTypes), ''),
  ];
  const events = contractCatalog.flatMap((entry) => {
    const payload = entry.schema.fields.find((field) => field.name === 'payload');
    const entityType = entry.schema.fields.find((field) => field.name === 'entityType');
    return [
      '',
      `#### \`${entry.topic}\` (subject \`${entry.subject}\`, record \`${entry.schema.name}\`)`,
      '',
      `entityType: ${entityType ? typeText(entityType.type) : '?'}`,
      '',
      ...header,
      ...(payload ? rows([payload], '') : []),
    ];
  });
  return [...envelope, ...events].join('\n');
}
