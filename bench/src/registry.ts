import { appendBatchSuite } from './suites/append-batch.suite.js';
import { appendSuite } from './suites/append.suite.js';
import { catchupSuite } from './suites/catchup.suite.js';
import { commandsSuite } from './suites/commands.suite.js';
import { eventStoreDbSuite } from './suites/eventstoredb.suite.js';
import { gatewaySuite } from './suites/gateway.suite.js';
import { hqSuite } from './suites/hq.suite.js';
import { latencySuite } from './suites/latency.suite.js';
import { rebuildSuite } from './suites/rebuild.suite.js';
import { relaySuite } from './suites/relay.suite.js';
import { type BenchSuite } from './suite.js';

/** Every suite, in the order a full run executes them. A new suite is one file plus one line here. */
export const registry: readonly BenchSuite[] = [
  appendSuite,
  appendBatchSuite,
  catchupSuite,
  rebuildSuite,
  relaySuite,
  latencySuite,
  commandsSuite,
  gatewaySuite,
  hqSuite,
  eventStoreDbSuite,
];
