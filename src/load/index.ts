/** Stream Load and transaction Stream Load (see CONTEXT.md). */
export {
  LoadService,
  type AcceptedLoad,
  type BodyInput,
  type LoadServiceOptions,
  type LoadTarget,
} from './service.js';
export { LoadError, LabelExistsError } from './errors.js';
export { parseLoadOptions, header, type HeaderBag, type LoadOptions } from './options.js';
export {
  streamLoadJson,
  txnJson,
  feFailure,
  loadStateJson,
  restFailureJson,
  ZERO_TIMES,
  type StreamLoadResult,
  type TxnReply,
} from './response.js';
export {
  writeRows,
  checkWriteFeatures,
  insertWriteFeatures,
  PLAIN_WRITE,
  type WriteFeatures,
} from './write.js';
export type { JobRecord, TxnState } from './store.js';
export { onLoadCommitted, notifyLoadCommitted, type LoadCommittedListener } from './commit-hooks.js';
