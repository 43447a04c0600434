/**
 * µs per message of what every app asks of @hub/contracts for each event (no Kafka, no
 * registry: the Avro bytes are made and read with the same avsc types the messaging serde
 * uses, avroCodecFor):
 * - `connector`: a connector's write side for one inventory-level event: decode the bytes,
 *   canonicalize the event as parseCanonicalEvent does (@hub/connector-runtime), build the
 *   delivery outcome as deliveryOutcomeEvent does (envelopeAbout, @hub/delivery-protocol)
 *   and encode it;
 * - `decode-event` / `outcome` / `encode-outcome`: its parts (contracts only, no avsc codec
 *   in the latter two except the canonicalize's own isValid);
 * - `ingress`: a WMS webhook's payload (JSON form) through parseCanonical, then createEvent;
 * - `webhook-body`: toJsonForm of the payload and formatTimestamp of its version, as
 *   connector-http's webhook body does;
 * - `timestamps`: parseTimestamp + formatTimestamp of one value.
 *
 *   npx tsx libs/contracts/bench/json-form.bench.ts [--seconds 1] [--rounds 5] [--only connector,ingress]
 *
 * Each round runs every case for `--seconds` (after a warm-up), in turn, so noise from other
 * processes on the machine spreads over all cases; the median round is printed per case,
 * with the spread. For before/after, run it alternately on both trees (A/B/A/B).
 */
import { avroCodecFor } from '../src/avro/avro-codec';
import { createEvent, envelopeAbout, type EventIdentity } from '../src/envelope/create-event';
import { canonicalContracts } from '../src/events/canonical-contracts';
import { deliveryOutcomeEventSchema } from '../src/events/delivery-outcome/delivery-outcome.schema';
import { parseCanonical } from '../src/events/parse-canonical';
import { canonicalize } from '../src/json-form/canonicalize';
import { toJsonForm } from '../src/json-form/to-json-form';
import { formatTimestamp, parseTimestamp } from '../src/json-form/timestamps';
import { inventoryLevelJson } from '../src/testing/examples';

function argument(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : (process.argv[index + 1] ?? fallback);
}

const identity: EventIdentity = {
  now: () => 1_714_550_701_000,
  newEventId: () => '3f2b8c1e-4d5a-4e6f-8a7b-9c0d1e2f3a4b',
};
const inventory = canonicalContracts['inventory-level'];
const eventCodec = avroCodecFor(inventory.eventSchema);
const outcomeCodec = avroCodecFor(deliveryOutcomeEventSchema);

function inventoryEvent(): ReturnType<typeof createEvent<'inventory-level'>> {
  const parsed = parseCanonical('inventory-level', inventoryLevelJson);
  if (!parsed.ok) throw new Error('the example payload is invalid');
  return createEvent(
    'inventory-level',
    {
      sourceSystem: 'wms',
      sourceRecordId: 'rec-1',
      sourceVersion: 1_714_550_700_123,
      payload: parsed.value,
    },
    identity,
  );
}

const event = inventoryEvent();
const eventBytes = eventCodec.encode(event);

function decodeEvent(bytes: Buffer): typeof event {
  const checked = canonicalize(inventory.eventSchema, eventCodec.decode(bytes));
  if (!checked.ok) throw new Error('decoded event is invalid');
  return checked.value;
}

function outcomeOf(delivered: typeof event): Parameters<typeof outcomeCodec.encode>[0] {
  return {
    ...envelopeAbout(
      {
        eventId: delivered.eventId,
        correlationId: delivered.correlationId,
        entityType: delivered.entityType,
        entityKey: delivered.entityKey,
        sourceSystem: delivered.sourceSystem,
        sourceRecordId: delivered.sourceRecordId,
        sourceVersion: delivered.sourceVersion,
        publishedAt: delivered.publishedAt,
      },
      identity,
    ),
    payload: {
      deliveredEventId: delivered.eventId,
      target: 'odoo',
      outcome: 'succeeded',
      attempt: 1,
      targetReference: 'stock.quant:42',
      failure: null,
      targetCalled: true,
    },
  };
}

const outcome = outcomeOf(event);
let sink = 0;

const cases: Record<string, () => void> = {
  connector: () => {
    sink += outcomeCodec.encode(outcomeOf(decodeEvent(eventBytes))).length;
  },
  'decode-event': () => {
    sink += decodeEvent(eventBytes).sourceVersion;
  },
  'canonicalize-event': () => {
    sink += canonicalize(inventory.eventSchema, event).ok ? 1 : 0;
  },
  outcome: () => {
    sink += outcomeOf(event).publishedAt;
  },
  'encode-outcome': () => {
    sink += outcomeCodec.encode(outcome).length;
  },
  ingress: () => {
    const parsed = parseCanonical('inventory-level', inventoryLevelJson);
    if (!parsed.ok) throw new Error('invalid');
    sink += createEvent(
      'inventory-level',
      { sourceSystem: 'wms', sourceRecordId: 'rec-1', sourceVersion: 1, payload: parsed.value },
      identity,
    ).sourceVersion;
  },
  'webhook-body': () => {
    const body = toJsonForm(inventory.payloadSchema, event.payload);
    sink += formatTimestamp(event.sourceVersion).length + Object.keys(body as object).length;
  },
  timestamps: () => {
    sink += formatTimestamp(parseTimestamp('2024-05-01T10:05:00.123+02:00') ?? 0).length;
  },
};

/** µs per call of `run`, calling it for about `seconds`. */
function measure(run: () => void, seconds: number): number {
  let calls = 0;
  const started = process.hrtime.bigint();
  const until = started + BigInt(Math.round(seconds * 1e9));
  let now = started;
  while (now < until) {
    for (let i = 0; i < 1_000; i += 1) run();
    calls += 1_000;
    now = process.hrtime.bigint();
  }
  return Number(now - started) / 1_000 / calls;
}

function main(): void {
  const seconds = Number(argument('seconds', '1'));
  const rounds = Number(argument('rounds', '5'));
  const only = argument('only', Object.keys(cases).join(',')).split(',');
  const chosen = Object.entries(cases).filter(([name]) => only.includes(name));
  for (const [, run] of chosen) measure(run, Math.min(seconds, 0.5));
  const results = new Map<string, number[]>(chosen.map(([name]) => [name, []]));
  for (let round = 0; round < rounds; round += 1)
    for (const [name, run] of chosen) results.get(name)?.push(measure(run, seconds));
  const summary = [...results].map(([name, times]) => {
    const sorted = [...times].sort((a, b) => a - b);
    return {
      case: name,
      medianMicros: Number((sorted[Math.floor(sorted.length / 2)] ?? 0).toFixed(3)),
      minMicros: Number((sorted[0] ?? 0).toFixed(3)),
      maxMicros: Number((sorted.at(-1) ?? 0).toFixed(3)),
    };
  });
  console.table(summary);
  console.log(JSON.stringify({ seconds, rounds, sink: sink > 0, summary }));
}

main();
