/**
 * How long the broker may hold a fetch, and how much it waits for. The broker answers a fetch
 * once `minBytes` of new messages are there (counted over the fetch's partitions, each at most
 * its per-partition limit, 1 MB) or once `maxWaitMs` has passed, whichever comes first
 * (Kafka's fetch.min.bytes / fetch.max.wait.ms; kafkajs' consumer `minBytes` and
 * `maxWaitTimeInMs`).
 */
export interface FetchPolicy {
  readonly minBytes: number;
  readonly maxWaitMs: number;
}

/**
 * How long the broker may hold a fetch that finds nothing new. The broker answers as soon as
 * one byte arrives (kafkajs' minBytes 1), so this bounds only what an idle consumer costs: at
 * 100 ms every consumer asked ten times a second (bench/README.md, "Idle cost"). 500 ms (the
 * Java client's default) asks twice a second and delays only what waits for the fetch in
 * flight: `stop()`, and the rejoin after another member joins (kafkajs heartbeats between
 * fetches), by at most this long.
 */
export const defaultFetchMaxWaitMs = 500;

/** Every message is handed over as soon as it arrives; an idle consumer asks twice a second. */
export const defaultFetch: FetchPolicy = { minBytes: 1, maxWaitMs: defaultFetchMaxWaitMs };

/**
 * For a group whose latency no user waits on (an operator console's bookkeeping, a ledger that
 * reconciliation reads later): with minBytes 1 every message produced wakes a fetch in every
 * group that reads its topic, so at a trickle such a group asks the broker once per message.
 * Here the broker holds the fetch until 64 KiB are there (about one commit slice,
 * commitEvery.messages 100, of the hub's events at a few hundred bytes each) or 2 s have
 * passed: below 32 KiB a second on the group's topics (the hub's steady rates) the wait
 * decides, one fetch per 2 s whatever the rate; a backlog of 64 KiB or more is answered at
 * once, so a drain is not read more slowly. 2 s is what such a group's messages may wait, what its `stop()` and its
 * rejoin after another member joins may take longer, and well within the session timeout
 * (10 s): kafkajs heartbeats between fetches, so the wait plus the heartbeat interval (3 s)
 * must stay under it.
 */
export const bookkeepingFetch: FetchPolicy = { minBytes: 64 * 1024, maxWaitMs: 2_000 };
