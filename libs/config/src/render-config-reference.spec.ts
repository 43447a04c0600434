import { resolve } from 'node:path';
import { defineConfig } from './define-config';
import { port } from './building-blocks/numbers';
import { text } from './building-blocks/scalars';
import { renderConfigReference } from './render-config-reference';
import { replaceReferenceBlock } from './reference-block';
import { renderSharedSettingsReference } from './shared-settings-reference';
import { setting } from './setting';

describe('renderConfigReference', () => {
  it('renders one row per setting in declaration order', () => {
    const definition = defineConfig({
      port: setting({
        env: 'HTTP_PORT',
        schema: port(),
        description: 'Listen port.',
        default: '3000',
        secret: false,
      }),
      nested: {
        token: setting({
          env: 'API_TOKEN',
          schema: text(),
          description: 'Bearer token | rotated monthly.',
          secret: true,
        }),
        note: setting({
          env: 'NOTE',
          schema: text().optional(),
          description: 'A note,\n  on two lines.',
          secret: false,
        }),
      },
    });
    expect(renderConfigReference(definition)).toBe(
      [
        '| Variable | Description | Default | Secret |',
        '|---|---|---|---|',
        '| `HTTP_PORT` | Listen port. | `3000` | no |',
        '| `API_TOKEN` | Bearer token \\| rotated monthly. | *required* | yes |',
        '| `NOTE` | A note, on two lines. | *unset* | no |',
      ].join('\n'),
    );
  });

  it('shows a default path inside the repository relative to its root, the same on every checkout', () => {
    const definition = defineConfig({
      policy: setting({
        env: 'POLICY_PATH',
        schema: text(),
        description: 'Policy file.',
        default: resolve(__dirname, '../../ownership/policies/default.yaml'),
        secret: false,
      }),
      elsewhere: setting({
        env: 'ELSEWHERE',
        schema: text(),
        description: 'Outside.',
        default: '/etc/hub.yaml',
        secret: false,
      }),
    });
    const table = renderConfigReference(definition);
    expect(table).toContain(
      '| `POLICY_PATH` | Policy file. | `libs/ownership/policies/default.yaml` | no |',
    );
    expect(table).toContain('| `ELSEWHERE` | Outside. | `/etc/hub.yaml` | no |');
  });

  it('renders the shared groups with their defaults', () => {
    const reference = renderSharedSettingsReference();
    expect(reference).toContain('#### `kafkaSettings`');
    expect(reference).toContain(
      '| `KAFKA_BROKERS` | Kafka bootstrap brokers, comma-separated host:port. | `127.0.0.1:9092` | no |',
    );
    expect(reference).toContain(
      '| `SCHEMA_REGISTRY_URL` | Confluent-compatible schema registry base URL. | `http://127.0.0.1:8081/apis/ccompat/v7` | no |',
    );
    expect(reference).toContain(
      '| `DATABASE_URL` | Postgres connection URL; secret because it may carry a password. | `postgres://postgres@127.0.0.1:5432/hub` | yes |',
    );
    expect(reference).toContain(
      '| `KAFKA_SASL_PASSWORD` | SASL password; required with KAFKA_SASL_MECHANISM. | *unset* | yes |',
    );
    expect(reference).toContain('| `LOG_LEVEL` |');
    expect(reference).toContain('| `SERVICE_NAME` |');
  });
});

describe('replaceReferenceBlock', () => {
  const doc = ['# Title', '<!-- ref:start -->', 'old', '<!-- ref:end -->', 'after'].join('\n');

  it('replaces only the text between the markers', () => {
    expect(replaceReferenceBlock(doc, 'ref', 'new table')).toBe(
      ['# Title', '<!-- ref:start -->', 'new table', '<!-- ref:end -->', 'after'].join('\n'),
    );
  });

  it('is a fixed point once up to date, which is how drift is detected', () => {
    const updated = replaceReferenceBlock(doc, 'ref', 'new table');
    expect(replaceReferenceBlock(updated, 'ref', 'new table')).toBe(updated);
  });

  it('fails when the markers are missing', () => {
    expect(() => replaceReferenceBlock('# nothing', 'ref', 'x')).toThrow(
      'markers <!-- ref:start --> … <!-- ref:end --> not found',
    );
  });
});
