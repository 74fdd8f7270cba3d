/**
 * What the body readers produce: rows of source fields (text or NULL) and rejected records with
 * StarRocks' reason texts. Only the first REPORT_LIMIT rejects are kept for the error log (the BE
 * reports at most 50 per scanner); all are counted.
 */

/** Source field values of one row; `null` is SQL NULL (`\N` in CSV, null/missing in JSON). */
export type Fields = (string | null)[];

/** Receives the rows of a body in order. */
export interface RowSink {
  row(fields: Fields): void;
}

/** At most this many rejected records are kept with their text (StarRocks' REPORT_ERROR_MAX_NUMBER). */
export const REPORT_LIMIT = 50;

export interface RejectedRecord {
  readonly record: string;
  readonly reason: string;
}

/** Counts rejected records and keeps the first few for the error log. */
export class RejectLog {
  count = 0;
  readonly kept: RejectedRecord[] = [];

  add(record: string, reason: string): void {
    this.count++;
    if (this.kept.length < REPORT_LIMIT) this.kept.push({ record, reason });
  }
}
