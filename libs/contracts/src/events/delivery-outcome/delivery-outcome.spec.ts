/**
 * How the outcome kind evolves: the enum has no `default`, so a reader lacking a symbol
 * refuses it (its consumer dead-letters the message) instead of reading it as another kind.
 */
import { avroCodecFor, avroTypeFor } from '../../avro/avro-codec';
import { exampleValues } from '../../testing/examples';
import { deliveryOutcomeEventSchema } from './delivery-outcome.schema';

type Json = Record<string, unknown>;

/** The value schema with the outcome enum rewritten (a JSON copy of the Avro form). */
function withOutcomeEnum(rewrite: (outcomeEnum: Json) => Json): Json {
  const copy = JSON.parse(JSON.stringify(deliveryOutcomeEventSchema)) as {
    fields: { name: string; type: { fields: { name: string; type: Json }[] } }[];
  };
  const payload = copy.fields.find((field) => field.name === 'payload');
  const outcome = payload?.type.fields.find((field) => field.name === 'outcome');
  if (outcome === undefined) throw new Error('no payload.outcome field');
  outcome.type = rewrite(outcome.type);
  return copy;
}

const symbolsOf = (outcomeEnum: Json): string[] => outcomeEnum['symbols'] as string[];

/** The schema before `no_change`: six symbols. */
const beforeNoChange = withOutcomeEnum((outcomeEnum) => ({
  ...outcomeEnum,
  symbols: symbolsOf(outcomeEnum).filter((symbol) => symbol !== 'no_change'),
}));

/** A later writer that adds a symbol this schema does not know. */
const laterWriter = withOutcomeEnum((outcomeEnum) => ({
  ...outcomeEnum,
  symbols: [...symbolsOf(outcomeEnum), 'some_later_kind'],
}));

const example = exampleValues['hub.delivery-outcome.v1'];
const current = avroCodecFor(deliveryOutcomeEventSchema);

describe('DeliveryOutcomeKind evolution', () => {
  it('refuses a symbol a later writer adds, rather than reading it as a kind it knows', () => {
    const writer = avroTypeFor(laterWriter as never);
    expect(() => current.type.createResolver(writer)).toThrow(/DeliveryOutcomeKind/);
  });

  it('reads what the schema before no_change wrote (BACKWARD)', () => {
    const writer = avroTypeFor(beforeNoChange as never);
    const written = writer.toBuffer({ ...example, payload: { ...example.payload } });
    expect(current.decode(written, writer)).toEqual(example);
  });

  it('is not readable by the schema before no_change: its readers must be upgraded first', () => {
    const oldReader = avroTypeFor(beforeNoChange as never);
    expect(() => oldReader.createResolver(current.type)).toThrow(/DeliveryOutcomeKind/);
  });
});
