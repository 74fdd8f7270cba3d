/**
 * Load counters for /metrics (Prometheus text). Names follow StarRocks' BE/FE metrics where one
 * exists (`starrocks_be_streaming_load_*`, `starrocks_fe_txn_*`); the observability work may
 * re-home the rendering, the counters stay here.
 */
export class LoadMetrics {
  requests = 0;
  bytes = 0;
  durationMs = 0;
  current = 0;
  success = 0;
  failed = 0;
  loadedRows = 0;
  filteredRows = 0;
  unselectedRows = 0;
  txnBegin = 0;
  txnCommit = 0;
  txnRollback = 0;
  txnLoad = 0;
  txnPrepare = 0;

  /** Prometheus text exposition of the counters. */
  render(): string {
    const lines: string[] = [];
    const put = (name: string, type: 'counter' | 'gauge', value: number, labels = ''): void => {
      if (!lines.some((l) => l === `# TYPE ${name} ${type}`)) lines.push(`# TYPE ${name} ${type}`);
      lines.push(`${name}${labels} ${value}`);
    };
    put('starrocks_be_streaming_load_requests_total', 'counter', this.requests);
    put('starrocks_be_streaming_load_bytes', 'counter', this.bytes);
    put('starrocks_be_streaming_load_duration_ms', 'counter', this.durationMs);
    put('starrocks_be_streaming_load_current_processing', 'gauge', this.current);
    put('starrocks_be_stream_load', 'counter', this.bytes, '{type="receive_bytes"}');
    put('starrocks_be_stream_load', 'counter', this.loadedRows, '{type="load_rows"}');
    put('starrocks_fe_txn_begin', 'counter', this.txnBegin);
    put('starrocks_fe_txn_success', 'counter', this.success);
    put('starrocks_fe_txn_failed', 'counter', this.failed);
    put('rockling_load_rows_total', 'counter', this.loadedRows, '{kind="loaded"}');
    put('rockling_load_rows_total', 'counter', this.filteredRows, '{kind="filtered"}');
    put('rockling_load_rows_total', 'counter', this.unselectedRows, '{kind="unselected"}');
    put('starrocks_fe_txn_stream_load_begin_num', 'counter', this.txnBegin);
    put('starrocks_fe_txn_stream_load_load_num', 'counter', this.txnLoad);
    put('starrocks_fe_txn_stream_load_prepare_num', 'counter', this.txnPrepare);
    put('starrocks_fe_txn_stream_load_commit_num', 'counter', this.txnCommit);
    put('starrocks_fe_txn_stream_load_rollback_num', 'counter', this.txnRollback);
    // Process memory (StarRocks' BE gauge, and the JS side on its own: a body is never held there).
    const mem = process.memoryUsage();
    put('starrocks_be_process_mem_bytes', 'gauge', mem.rss);
    put('rockling_process_js_memory_bytes', 'gauge', mem.heapUsed, '{type="heap_used"}');
    put('rockling_process_js_memory_bytes', 'gauge', mem.external, '{type="external"}');
    return `${lines.join('\n')}\n`;
  }
}
