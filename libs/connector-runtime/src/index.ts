// @hub/connector-runtime: the one write path (and read path) every connector uses.
export type {
  AnyCanonicalEvent,
  FetchResult,
  ReadAdapter,
  SourceRecord,
  SweepPage,
  WriteAdapter,
  WriteContext,
  WriteResult,
} from './adapter/erp-adapter';
