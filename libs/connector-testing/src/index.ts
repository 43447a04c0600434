// @hub/connector-testing: what every connector's integration tests share (the kit's test harness).
export {
  ConnectorBench,
  type BenchAppInput,
  type BenchOptions,
  type BenchParts,
  type BenchTopics,
  type RawMessage,
  type SimulatorLike,
  type SourceNotice,
} from './connector-bench';
export { goodsReceipt, inventoryLevel, type FixtureOptions } from './canonical-fixtures';
export { outcomesOf, redeliverRetryOf, type OutcomePayload } from './delivery-outcomes';
export { TopicCollector, eventually, type CollectedMessage } from '@hub/testing';
