/**
 * The onboarding bookkeeping table: one row per thing done for a business, so
 * `rockling onboard status` can tell which of the four stages each business is in.
 *
 * Shared contract (stages 3–4 tools `rockling validate` / `rockling loadtest` write here too):
 *   database `rockling_onboarding`, table `events`
 *   (business VARCHAR(128), stage INT, item VARCHAR(128), status VARCHAR(16),
 *    detail VARCHAR(65533), recorded_at DATETIME)
 *   stage 1–4; status ok | failed | skipped.
 * Item names are `<checklist id>` or `<checklist id>:<object>`, e.g. `tables:shop.orders`,
 * `validate:shop.orders`, `loadtest`; the checklist ids per stage are in CHECKLIST below.
 */

/** Database and table of the bookkeeping events. */
export const BOOKKEEPING_DB = 'rockling_onboarding';
export const BOOKKEEPING_TABLE = 'events';

/** Which SQL dialect the target speaks: a StarRocks (or Rockling) FE, or MySQL/MariaDB. */
export type Dialect = 'starrocks' | 'mysql';
export type Stage = 1 | 2 | 3 | 4;
export type EventStatus = 'ok' | 'failed' | 'skipped';

/** One bookkeeping row. `detail` is free text (the statement, the server's message, a summary). */
export interface OnboardingEvent {
  readonly business: string;
  readonly stage: Stage;
  readonly item: string;
  readonly status: EventStatus;
  readonly detail?: string;
  /** Defaults to now (the client's clock), stored as UTC. */
  readonly recordedAt?: Date;
}

/** A stored event as read back. */
export interface StoredEvent extends OnboardingEvent {
  readonly detail: string;
  readonly recordedAt: Date;
}

/** One checklist entry of a stage: `id` is the item prefix that counts for it. */
export interface ChecklistEntry {
  readonly id: string;
  readonly title: string;
  /** Which tool records it. */
  readonly recordedBy: string;
}

/**
 * The four stages of the seed's process and their checklist items. An item is done when the
 * latest event of every `item` with that prefix is ok or skipped (and at least one exists).
 */
export const CHECKLIST: Readonly<Record<Stage, { title: string; items: readonly ChecklistEntry[] }>> = {
  1: {
    title: 'requirement assessment',
    items: [
      { id: 'form', title: 'application form submitted and checked', recordedBy: 'onboard apply' },
      {
        id: 'assessment',
        title: 'review: scenario, volume, freshness, query pattern',
        recordedBy: 'onboard apply',
      },
    ],
  },
  2: {
    title: 'solution design',
    items: [
      { id: 'design', title: 'table model, load, partitions/buckets, MVs', recordedBy: 'onboard apply' },
      {
        id: 'resources',
        title: 'resource planning (sizing, cluster, resource group)',
        recordedBy: 'onboard apply',
      },
    ],
  },
  3: {
    title: 'development and testing',
    items: [
      { id: 'tables', title: 'databases, tables and MVs created', recordedBy: 'onboard apply' },
      { id: 'loads', title: 'stock and incremental load jobs created', recordedBy: 'onboard apply' },
      { id: 'validate', title: 'functional test: loaded data matches the source', recordedBy: 'validate' },
      { id: 'loadtest', title: 'performance test at production QPS (P99 vs SLA)', recordedBy: 'loadtest' },
    ],
  },
  4: {
    title: 'go-live and operations',
    items: [
      { id: 'tables', title: 'production tables and MVs created', recordedBy: 'onboard apply --stage 4' },
      { id: 'loads', title: 'production load jobs running', recordedBy: 'onboard apply --stage 4' },
      { id: 'validate', title: 'data validated against the old system', recordedBy: 'validate' },
      { id: 'monitoring', title: 'monitoring and alerts in place', recordedBy: 'onboard apply --stage 4' },
    ],
  },
};

const QUALIFIED = `${BOOKKEEPING_DB}.${BOOKKEEPING_TABLE}`;

/**
 * DDL that creates the bookkeeping database and table (idempotent). StarRocks has no TEXT type
 * of that size and MySQL cannot hold VARCHAR(65533) in utf8mb4, hence the two dialects.
 */
export function bookkeepingDdl(dialect: Dialect): readonly string[] {
  const detail = dialect === 'starrocks' ? 'VARCHAR(65533)' : 'TEXT';
  const columns = [
    'business VARCHAR(128) NOT NULL',
    'stage INT NOT NULL',
    'item VARCHAR(128) NOT NULL',
    'status VARCHAR(16) NOT NULL',
    `detail ${detail} NULL`,
    'recorded_at DATETIME NOT NULL',
  ].join(',\n  ');
  const tail =
    dialect === 'starrocks'
      ? '\nDUPLICATE KEY(business, stage, item)\nDISTRIBUTED BY HASH(business) BUCKETS 1'
      : '';
  return [
    `CREATE DATABASE IF NOT EXISTS ${BOOKKEEPING_DB}`,
    `CREATE TABLE IF NOT EXISTS ${QUALIFIED} (\n  ${columns}\n)${tail}`,
  ];
}

/**
 * The part of a mysql2/promise connection this module needs (`query` with client-side `?`
 * escaping, which works against StarRocks, Rockling and MySQL alike).
 */
export interface QueryConnection {
  query(sql: string, values?: unknown): Promise<unknown>;
}

/** Create the bookkeeping database and table when missing. */
export async function ensureBookkeeping(conn: QueryConnection, dialect: Dialect): Promise<void> {
  for (const sql of bookkeepingDdl(dialect)) await conn.query(sql);
}

const DETAIL_MAX = 65533;

/** Append one event (recorded_at in UTC; the client's clock when not given). */
export async function recordEvent(conn: QueryConnection, event: OnboardingEvent): Promise<void> {
  const detail = (event.detail ?? '').slice(0, DETAIL_MAX);
  const item = event.item.slice(0, 128);
  const at = formatDatetime(event.recordedAt ?? new Date());
  await conn.query(
    `INSERT INTO ${QUALIFIED} (business, stage, item, status, detail, recorded_at) VALUES (?, ?, ?, ?, ?, ?)`,
    [event.business.slice(0, 128), event.stage, item, event.status, detail, at],
  );
}

/** All events (of one business when given), oldest first. */
export async function readEvents(conn: QueryConnection, business?: string): Promise<StoredEvent[]> {
  const where = business === undefined ? '' : ' WHERE business = ?';
  const result = await conn.query(
    `SELECT business, stage, item, status, detail, recorded_at FROM ${QUALIFIED}${where}` +
      ' ORDER BY recorded_at, business, stage, item',
    business === undefined ? [] : [business],
  );
  const rows = Array.isArray(result) ? (result[0] as unknown) : [];
  if (!Array.isArray(rows)) return [];
  return rows.map((row) => toStoredEvent(row as Record<string, unknown>));
}

function toStoredEvent(row: Record<string, unknown>): StoredEvent {
  const stage = Number(row['stage']);
  const status = String(row['status']);
  const at = row['recorded_at'];
  return {
    business: String(row['business']),
    stage: (stage >= 1 && stage <= 4 ? stage : 1) as Stage,
    item: String(row['item']),
    status: (status === 'ok' || status === 'failed' ? status : 'skipped') as EventStatus,
    detail: row['detail'] == null ? '' : String(row['detail']),
    recordedAt: at instanceof Date ? at : new Date(`${String(at).replace(' ', 'T')}Z`),
  };
}

/** `YYYY-MM-DD HH:MM:SS` in UTC: DATETIME carries no zone, and UTC keeps tests deterministic. */
export function formatDatetime(date: Date): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}
