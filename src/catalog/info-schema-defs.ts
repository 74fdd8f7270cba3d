/**
 * information_schema table definitions: MySQL/StarRocks column names and types, and for each
 * column the DuckDB expression that computes it. Tables backed by metadata are DuckDB views over
 * `__rockling.*` (always consistent with the catalog, transactional, no per-query work); the few
 * whose rows live in session memory (variables, processlist) are `dynamic`: the session fills a
 * per-connection temp table right before a query reads them.
 */
import { RESERVED_WORDS } from '../sql/index.js';
import { T, type SqlType } from '../types/index.js';

export interface SysColumn {
  readonly name: string;
  readonly type: SqlType;
  /** DuckDB expression over the view's FROM clause (absent for dynamic tables). */
  readonly expr?: string;
}

export interface SysTable {
  readonly name: string;
  readonly columns: readonly SysColumn[];
  /** `FROM …` of the view; absent means an empty table. */
  readonly from?: string;
  /** Rows come from session state (materialised per query). */
  readonly dynamic?: boolean;
}

const V = (n = 64): SqlType => T.varchar(n);
const B = T.bigint;
const DT = T.datetime;
const M = '__rockling';

function col(name: string, type: SqlType, expr?: string): SysColumn {
  return expr === undefined ? { name, type } : { name, type, expr };
}

/** User tables and views with their database (default catalog only). */
// Temporary tables and the recycle bin (session/temp-tables.ts, exec-recycle.ts: hidden names).
const NOT_TEMP = `NOT starts_with(t.name, '__rockling_temp_') AND NOT starts_with(t.name, '__rockling_recycle_')`;
const TABLES_FROM = `${M}.tables t JOIN ${M}.databases d ON d.id = t.db_id WHERE d.catalog = 'default_catalog' AND ${NOT_TEMP}`;
const COLUMNS_FROM = `${M}.columns c JOIN ${M}.tables t ON t.id = c.table_id JOIN ${M}.databases d ON d.id = t.db_id WHERE d.catalog = 'default_catalog' AND ${NOT_TEMP}`;
/** User tables plus information_schema's own tables (TABLE_TYPE 'SYSTEM VIEW', as StarRocks lists them). */
export const SYSTEM_TABLE_NAMES_VIEW = '__rockling_is.system_table_names';
const ALL_TABLES_FROM = `(SELECT d.name AS db_name, t.name, t.kind, t.storage_schema, t.storage_table, t.create_time,
    t.update_time, t.comment FROM ${TABLES_FROM}
  UNION ALL SELECT 'information_schema', s.name, 'system', NULL, NULL, NULL, NULL, '' FROM ${SYSTEM_TABLE_NAMES_VIEW} s) t`;
const KEY_FROM = `${COLUMNS_FROM} AND c.is_key AND t.keys_type IN ('primary', 'unique')`;

const COLUMN_KEY = `CASE WHEN NOT c.is_key THEN '' WHEN t.keys_type = 'primary' THEN 'PRI' WHEN t.keys_type = 'unique' THEN 'UNI' WHEN t.keys_type = 'aggregate' THEN 'AGG' ELSE 'DUP' END`;
const NULL_S = 'NULL';

export const SYSTEM_TABLES: readonly SysTable[] = [
  {
    name: 'schemata',
    columns: [
      col('CATALOG_NAME', V(512), `'def'`),
      col('SCHEMA_NAME', V(), 'd.name'),
      col('DEFAULT_CHARACTER_SET_NAME', V(32), `'utf8'`),
      col('DEFAULT_COLLATION_NAME', V(32), `'utf8_general_ci'`),
      col('SQL_PATH', V(512), NULL_S),
    ],
    from: `(SELECT name FROM ${M}.databases WHERE catalog = 'default_catalog' UNION ALL SELECT 'information_schema') d`,
  },
  {
    name: 'tables',
    columns: [
      col('TABLE_CATALOG', V(512), `'def'`),
      col('TABLE_SCHEMA', V(), 't.db_name'),
      col('TABLE_NAME', V(), 't.name'),
      col(
        'TABLE_TYPE',
        V(),
        `CASE t.kind WHEN 'view' THEN 'VIEW' WHEN 'materialized-view' THEN 'VIEW' WHEN 'system' THEN 'SYSTEM VIEW' ELSE 'BASE TABLE' END`,
      ),
      col(
        'ENGINE',
        V(),
        `CASE t.kind WHEN 'view' THEN NULL WHEN 'system' THEN 'MEMORY' ELSE 'StarRocks' END`,
      ),
      col('VERSION', B, NULL_S),
      col('ROW_FORMAT', V(10), NULL_S),
      col(
        'TABLE_ROWS',
        B,
        `(SELECT sum(estimated_size) FROM duckdb_tables() x WHERE x.schema_name = t.storage_schema AND x.table_name = t.storage_table)`,
      ),
      col('AVG_ROW_LENGTH', B, '0'),
      col('DATA_LENGTH', B, '0'),
      col('MAX_DATA_LENGTH', B, NULL_S),
      col('INDEX_LENGTH', B, NULL_S),
      col('DATA_FREE', B, NULL_S),
      col('AUTO_INCREMENT', B, NULL_S),
      col('CREATE_TIME', DT, 't.create_time'),
      col('UPDATE_TIME', DT, 'coalesce(t.update_time, t.create_time)'),
      col('CHECK_TIME', DT, NULL_S),
      col('TABLE_COLLATION', V(32), `'utf8_general_ci'`),
      col('CHECKSUM', B, NULL_S),
      col('CREATE_OPTIONS', V(255), `''`),
      col('TABLE_COMMENT', V(2048), 't.comment'),
    ],
    from: ALL_TABLES_FROM,
  },
  {
    name: 'columns',
    columns: [
      col('TABLE_CATALOG', V(512), `'def'`),
      col('TABLE_SCHEMA', V(), 'd.name'),
      col('TABLE_NAME', V(), 't.name'),
      col('COLUMN_NAME', V(), 'c.name'),
      col('ORDINAL_POSITION', B, 'c.ordinal'),
      col('COLUMN_DEFAULT', V(1024), 'c.default_value'),
      col('IS_NULLABLE', V(3), `CASE WHEN c.nullable THEN 'YES' ELSE 'NO' END`),
      col('DATA_TYPE', V(), 'c.data_type'),
      col('CHARACTER_MAXIMUM_LENGTH', B, 'c.char_max_length'),
      col('CHARACTER_OCTET_LENGTH', B, 'c.char_octet_length'),
      col('NUMERIC_PRECISION', B, 'c.numeric_precision'),
      col('NUMERIC_SCALE', B, 'c.numeric_scale'),
      col('DATETIME_PRECISION', B, 'c.datetime_precision'),
      col('CHARACTER_SET_NAME', V(32), `CASE WHEN c.char_max_length IS NULL THEN NULL ELSE 'utf8' END`),
      col(
        'COLLATION_NAME',
        V(32),
        `CASE WHEN c.char_max_length IS NULL THEN NULL ELSE 'utf8_general_ci' END`,
      ),
      col('COLUMN_TYPE', V(), 'c.column_type'),
      col('COLUMN_KEY', V(3), COLUMN_KEY),
      col(
        'EXTRA',
        V(27),
        // StarRocks' scanner leaves EXTRA empty (no aggregate type); auto_increment is kept for MySQL tools.
        `CASE WHEN c.auto_increment THEN 'auto_increment' ELSE '' END`,
      ),
      col('PRIVILEGES', V(80), `'select,insert,update,references'`),
      col('COLUMN_COMMENT', V(255), 'c.comment'),
      col('COLUMN_SIZE', B, 'coalesce(c.char_max_length, c.numeric_precision)'),
      col('DECIMAL_DIGITS', B, 'c.numeric_scale'),
      col('GENERATION_EXPRESSION', V(), NULL_S),
      col('SRS_ID', B, NULL_S),
    ],
    from: COLUMNS_FROM,
  },
  {
    name: 'views',
    columns: [
      col('TABLE_CATALOG', V(512), `'def'`),
      col('TABLE_SCHEMA', V(), 'd.name'),
      col('TABLE_NAME', V(), 't.name'),
      col('VIEW_DEFINITION', V(8096), 't.view_text'),
      col('CHECK_OPTION', V(8), `'NONE'`),
      col('IS_UPDATABLE', V(3), `'NO'`),
      col('DEFINER', V(77), `'root@%'`),
      col('SECURITY_TYPE', V(7), `'DEFINER'`),
      col('CHARACTER_SET_CLIENT', V(32), `'utf8'`),
      col('COLLATION_CONNECTION', V(32), `'utf8_general_ci'`),
    ],
    from: `${TABLES_FROM} AND t.kind = 'view'`,
  },
  {
    name: 'statistics',
    columns: [
      col('TABLE_CATALOG', V(512), `'def'`),
      col('TABLE_SCHEMA', V(), 'd.name'),
      col('TABLE_NAME', V(), 't.name'),
      col('NON_UNIQUE', B, '0'),
      col('INDEX_SCHEMA', V(), 'd.name'),
      col('INDEX_NAME', V(), `'PRIMARY'`),
      col('SEQ_IN_INDEX', B, 'row_number() OVER (PARTITION BY c.table_id ORDER BY c.ordinal)'),
      col('COLUMN_NAME', V(), 'c.name'),
      col('COLLATION', V(1), `'A'`),
      col('CARDINALITY', B, NULL_S),
      col('SUB_PART', B, NULL_S),
      col('PACKED', V(10), NULL_S),
      col('NULLABLE', V(3), `''`),
      col('INDEX_TYPE', V(16), `'BTREE'`),
      col('COMMENT', V(16), `''`),
      col('INDEX_COMMENT', V(1024), `''`),
    ],
    from: KEY_FROM,
  },
  {
    name: 'key_column_usage',
    columns: [
      col('CONSTRAINT_CATALOG', V(512), `'def'`),
      col('CONSTRAINT_SCHEMA', V(), 'd.name'),
      col('CONSTRAINT_NAME', V(), `'PRIMARY'`),
      col('TABLE_CATALOG', V(512), `'def'`),
      col('TABLE_SCHEMA', V(), 'd.name'),
      col('TABLE_NAME', V(), 't.name'),
      col('COLUMN_NAME', V(), 'c.name'),
      col('ORDINAL_POSITION', B, 'row_number() OVER (PARTITION BY c.table_id ORDER BY c.ordinal)'),
      col('POSITION_IN_UNIQUE_CONSTRAINT', B, NULL_S),
      col('REFERENCED_TABLE_SCHEMA', V(), NULL_S),
      col('REFERENCED_TABLE_NAME', V(), NULL_S),
      col('REFERENCED_COLUMN_NAME', V(), NULL_S),
    ],
    from: KEY_FROM,
  },
  {
    name: 'table_constraints',
    columns: [
      col('CONSTRAINT_CATALOG', V(512), `'def'`),
      col('CONSTRAINT_SCHEMA', V(), 'd.name'),
      col('CONSTRAINT_NAME', V(), `'PRIMARY'`),
      col('TABLE_SCHEMA', V(), 'd.name'),
      col('TABLE_NAME', V(), 't.name'),
      col('CONSTRAINT_TYPE', V(), `CASE t.keys_type WHEN 'primary' THEN 'PRIMARY KEY' ELSE 'UNIQUE' END`),
    ],
    from: `${TABLES_FROM} AND t.keys_type IN ('primary', 'unique')`,
  },
  {
    name: 'referential_constraints',
    columns: [
      col('CONSTRAINT_CATALOG', V(512)),
      col('CONSTRAINT_SCHEMA', V()),
      col('CONSTRAINT_NAME', V()),
      col('UNIQUE_CONSTRAINT_CATALOG', V(512)),
      col('UNIQUE_CONSTRAINT_SCHEMA', V()),
      col('UNIQUE_CONSTRAINT_NAME', V()),
      col('MATCH_OPTION', V()),
      col('UPDATE_RULE', V()),
      col('DELETE_RULE', V()),
      col('TABLE_NAME', V()),
      col('REFERENCED_TABLE_NAME', V()),
    ],
  },
  {
    name: 'routines',
    columns: [
      col('SPECIFIC_NAME', V()),
      col('ROUTINE_CATALOG', V(512)),
      col('ROUTINE_SCHEMA', V()),
      col('ROUTINE_NAME', V()),
      col('ROUTINE_TYPE', V(9)),
      col('DTD_IDENTIFIER', V()),
      col('ROUTINE_BODY', V(8)),
      col('ROUTINE_DEFINITION', V()),
      col('EXTERNAL_NAME', V()),
      col('EXTERNAL_LANGUAGE', V()),
      col('PARAMETER_STYLE', V(8)),
      col('IS_DETERMINISTIC', V(3)),
      col('SQL_DATA_ACCESS', V()),
      col('SQL_PATH', V()),
      col('SECURITY_TYPE', V(7)),
      col('CREATED', DT),
      col('LAST_ALTERED', DT),
      col('SQL_MODE', V(8192)),
      col('ROUTINE_COMMENT', V()),
      col('DEFINER', V(77)),
      col('CHARACTER_SET_CLIENT', V(32)),
      col('COLLATION_CONNECTION', V(32)),
      col('DATABASE_COLLATION', V(32)),
    ],
  },
  ...emptyTables(),
  ...staticTables(),
  ...dynamicTables(),
];

function emptyTables(): SysTable[] {
  const triggers: SysTable = {
    name: 'triggers',
    columns: [
      'TRIGGER_CATALOG',
      'TRIGGER_SCHEMA',
      'TRIGGER_NAME',
      'EVENT_MANIPULATION',
      'EVENT_OBJECT_CATALOG',
      'EVENT_OBJECT_SCHEMA',
      'EVENT_OBJECT_TABLE',
      'ACTION_ORDER',
      'ACTION_CONDITION',
      'ACTION_STATEMENT',
      'ACTION_ORIENTATION',
      'ACTION_TIMING',
      'ACTION_REFERENCE_OLD_TABLE',
      'ACTION_REFERENCE_NEW_TABLE',
      'ACTION_REFERENCE_OLD_ROW',
      'ACTION_REFERENCE_NEW_ROW',
      'CREATED',
      'SQL_MODE',
      'DEFINER',
      'CHARACTER_SET_CLIENT',
      'COLLATION_CONNECTION',
      'DATABASE_COLLATION',
    ].map((n) => col(n, n === 'ACTION_ORDER' ? B : n === 'CREATED' ? DT : V())),
  };
  const events: SysTable = {
    name: 'events',
    columns: [
      'EVENT_CATALOG',
      'EVENT_SCHEMA',
      'EVENT_NAME',
      'DEFINER',
      'TIME_ZONE',
      'EVENT_BODY',
      'EVENT_DEFINITION',
      'EVENT_TYPE',
      'EXECUTE_AT',
      'INTERVAL_VALUE',
      'INTERVAL_FIELD',
      'SQL_MODE',
      'STARTS',
      'ENDS',
      'STATUS',
      'ON_COMPLETION',
      'CREATED',
      'LAST_ALTERED',
      'LAST_EXECUTED',
      'EVENT_COMMENT',
      'ORIGINATOR',
      'CHARACTER_SET_CLIENT',
      'COLLATION_CONNECTION',
      'DATABASE_COLLATION',
    ].map((n) =>
      col(
        n,
        ['EXECUTE_AT', 'STARTS', 'ENDS', 'CREATED', 'LAST_ALTERED', 'LAST_EXECUTED'].includes(n)
          ? DT
          : n === 'ORIGINATOR'
            ? B
            : V(),
      ),
    ),
  };
  const parameters: SysTable = {
    name: 'parameters',
    columns: [
      'SPECIFIC_CATALOG',
      'SPECIFIC_SCHEMA',
      'SPECIFIC_NAME',
      'ORDINAL_POSITION',
      'PARAMETER_MODE',
      'PARAMETER_NAME',
      'DATA_TYPE',
      'CHARACTER_MAXIMUM_LENGTH',
      'CHARACTER_OCTET_LENGTH',
      'NUMERIC_PRECISION',
      'NUMERIC_SCALE',
      'DATETIME_PRECISION',
      'CHARACTER_SET_NAME',
      'COLLATION_NAME',
      'DTD_IDENTIFIER',
      'ROUTINE_TYPE',
    ].map((n) => col(n, /POSITION|LENGTH|PRECISION|SCALE/.test(n) ? B : V())),
  };
  const columnPrivileges: SysTable = {
    name: 'column_privileges',
    columns: [
      'GRANTEE',
      'TABLE_CATALOG',
      'TABLE_SCHEMA',
      'TABLE_NAME',
      'COLUMN_NAME',
      'PRIVILEGE_TYPE',
      'IS_GRANTABLE',
    ].map((n) => col(n, V())),
  };
  const materializedViews: SysTable = {
    name: 'materialized_views',
    // Rows from the platform's MV state (refresh records live beside the catalog).
    dynamic: true,
    columns: [
      'MATERIALIZED_VIEW_ID',
      'TABLE_SCHEMA',
      'TABLE_NAME',
      'REFRESH_TYPE',
      'IS_ACTIVE',
      'INACTIVE_REASON',
      'PARTITION_TYPE',
      'TASK_ID',
      'TASK_NAME',
      'LAST_REFRESH_START_TIME',
      'LAST_REFRESH_FINISHED_TIME',
      'LAST_REFRESH_DURATION',
      'LAST_REFRESH_STATE',
      'LAST_REFRESH_FORCE_REFRESH',
      'LAST_REFRESH_START_PARTITION',
      'LAST_REFRESH_END_PARTITION',
      'LAST_REFRESH_BASE_REFRESH_PARTITIONS',
      'LAST_REFRESH_MV_REFRESH_PARTITIONS',
      'LAST_REFRESH_ERROR_CODE',
      'LAST_REFRESH_ERROR_MESSAGE',
      'TABLE_ROWS',
      'MATERIALIZED_VIEW_DEFINITION',
      'EXTRA_MESSAGE',
      'QUERY_REWRITE_STATUS',
      'CREATOR',
      'LAST_REFRESH_PROCESS_TIME',
      'LAST_REFRESH_JOB_ID',
    ].map((n) => col(n, V())),
  };
  // Shared-data cluster snapshots (none on a shared-nothing node) and warehouse queues (StarRocks
  // lists none without a shared-data warehouse).
  const clusterSnapshots: SysTable = {
    name: 'cluster_snapshots',
    columns: [
      col('SNAPSHOT_NAME', V()),
      col('SNAPSHOT_TYPE', V()),
      col('CREATED_TIME', DT),
      col('FE_JOURNAL_ID', B),
      col('STARMGR_JOURNAL_ID', B),
      col('PROPERTIES', V()),
      col('STORAGE_VOLUME', V()),
      col('STORAGE_PATH', V()),
    ],
  };
  const clusterSnapshotJobs: SysTable = {
    name: 'cluster_snapshot_jobs',
    columns: [
      col('SNAPSHOT_NAME', V()),
      col('JOB_ID', B),
      col('CREATED_TIME', DT),
      col('FINISHED_TIME', DT),
      col('STATE', V()),
      col('DETAIL_INFO', V()),
      col('ERROR_MESSAGE', V()),
    ],
  };
  const warehouse = (name: string, rest: readonly string[]): SysTable => ({
    name,
    columns: [col('WAREHOUSE_ID', B), ...['WAREHOUSE_NAME', ...rest].map((n) => col(n, V(2048)))],
  });
  const warehouseMetrics = warehouse('warehouse_metrics', [
    'QUEUE_PENDING_LENGTH',
    'QUEUE_RUNNING_LENGTH',
    'MAX_PENDING_LENGTH',
    'MAX_PENDING_TIME_SECOND',
    'EARLIEST_QUERY_WAIT_TIME',
    'MAX_REQUIRED_SLOTS',
    'SUM_REQUIRED_SLOTS',
    'REMAIN_SLOTS',
    'MAX_SLOTS',
    'EXTRA_MESSAGE',
  ]);
  const warehouseQueries = warehouse('warehouse_queries', [
    'QUERY_ID',
    'STATE',
    'EST_COSTS_SLOTS',
    'ALLOCATE_SLOTS',
    'QUEUED_WAIT_SECONDS',
    'QUERY',
    'QUERY_START_TIME',
    'QUERY_END_TIME',
    'QUERY_DURATION',
    'EXTRA_MESSAGE',
  ]);
  return [
    triggers,
    events,
    parameters,
    columnPrivileges,
    materializedViews,
    clusterSnapshots,
    clusterSnapshotJobs,
    warehouseMetrics,
    warehouseQueries,
  ];
}

function valuesFrom(
  rows: readonly (readonly (string | number)[])[],
  alias: string,
  names: readonly string[],
): string {
  const lit = (v: string | number): string =>
    typeof v === 'number' ? String(v) : `'${v.replace(/'/g, "''")}'`;
  return `(VALUES ${rows.map((r) => `(${r.map(lit).join(', ')})`).join(', ')}) ${alias}(${names.join(', ')})`;
}

function staticTables(): SysTable[] {
  const charsets = [
    ['utf8', 'utf8_general_ci', 'UTF-8 Unicode', 3],
    ['utf8mb4', 'utf8mb4_general_ci', 'UTF-8 Unicode', 4],
    ['binary', 'binary', 'Binary pseudo charset', 1],
  ] as const;
  const collations = [
    ['utf8_general_ci', 'utf8', 33, 'Yes', 'Yes', 1],
    ['utf8mb4_general_ci', 'utf8mb4', 45, 'Yes', 'Yes', 1],
    ['utf8mb4_unicode_ci', 'utf8mb4', 224, '', 'Yes', 8],
    ['utf8mb4_bin', 'utf8mb4', 46, '', 'Yes', 1],
    ['binary', 'binary', 63, 'Yes', 'Yes', 1],
  ] as const;
  return [
    {
      name: 'engines',
      columns: [
        col('ENGINE', V(), 'e.engine'),
        col('SUPPORT', V(8), 'e.support'),
        col('COMMENT', V(80), 'e.comment'),
        col('TRANSACTIONS', V(3), 'e.tx'),
        col('XA', V(3), `'NO'`),
        col('SAVEPOINTS', V(3), `'NO'`),
      ],
      from: valuesFrom(
        [
          ['OLAP', 'YES', 'StarRocks', 'YES'],
          ['MySQL', 'YES', 'MySQL server which data is in it', 'NO'],
        ],
        'e',
        ['engine', 'support', 'comment', 'tx'],
      ),
    },
    {
      name: 'character_sets',
      columns: [
        col('CHARACTER_SET_NAME', V(32), 'cs.name'),
        col('DEFAULT_COLLATE_NAME', V(32), 'cs.coll'),
        col('DESCRIPTION', V(60), 'cs.descr'),
        col('MAXLEN', B, 'cs.maxlen'),
      ],
      from: valuesFrom(charsets, 'cs', ['name', 'coll', 'descr', 'maxlen']),
    },
    {
      name: 'collations',
      columns: [
        col('COLLATION_NAME', V(32), 'co.name'),
        col('CHARACTER_SET_NAME', V(32), 'co.cs'),
        col('ID', B, 'co.id'),
        col('IS_DEFAULT', V(3), 'co.dflt'),
        col('IS_COMPILED', V(3), 'co.compiled'),
        col('SORTLEN', B, 'co.sortlen'),
      ],
      from: valuesFrom(collations, 'co', ['name', 'cs', 'id', 'dflt', 'compiled', 'sortlen']),
    },
    {
      name: 'user_privileges',
      columns: [
        col('GRANTEE', V(81), `'''root''@''%'''`),
        col('TABLE_CATALOG', V(512), `'def'`),
        col('PRIVILEGE_TYPE', V(), 'p.priv'),
        col('IS_GRANTABLE', V(3), `'YES'`),
      ],
      from: valuesFrom([['NODE'], ['GRANT'], ['CREATE RESOURCE GROUP'], ['OPERATE']], 'p', ['priv']),
    },
    {
      name: 'schema_privileges',
      columns: [
        col('GRANTEE', V(81), `'''root''@''%'''`),
        col('TABLE_CATALOG', V(512), `'def'`),
        col('TABLE_SCHEMA', V(), 'd.name'),
        col('PRIVILEGE_TYPE', V(), `'ALL'`),
        col('IS_GRANTABLE', V(3), `'YES'`),
      ],
      from: `${M}.databases d WHERE d.catalog = 'default_catalog'`,
    },
    {
      name: 'table_privileges',
      columns: [
        col('GRANTEE', V(81), `'''root''@''%'''`),
        col('TABLE_CATALOG', V(512), `'def'`),
        col('TABLE_SCHEMA', V(), 'd.name'),
        col('TABLE_NAME', V(), 't.name'),
        col('PRIVILEGE_TYPE', V(), `'ALL'`),
        col('IS_GRANTABLE', V(3), `'YES'`),
      ],
      from: TABLES_FROM,
    },
    // Partitions (src/catalog/partitions): one row per partition; unpartitioned tables show one.
    {
      name: 'partitions_meta',
      columns: [
        col('DB_NAME', V(), 'pm.db_name'),
        col('TABLE_NAME', V(), 'pm.table_name'),
        col('PARTITION_NAME', V(), 'pm.partition_name'),
        col('PARTITION_ID', B, 'pm.partition_id'),
        col('COMPACT_VERSION', B, '0'),
        col('VISIBLE_VERSION', B, 'pm.visible_version'),
        col('VISIBLE_VERSION_TIME', DT, 'pm.visible_version_time'),
        col('NEXT_VERSION', B, 'pm.visible_version + 1'),
        col('DATA_VERSION', B, 'pm.visible_version'),
        col('VERSION_EPOCH', B, '0'),
        col('VERSION_TXN_TYPE', V(), `'TXN_NORMAL'`),
        col('PARTITION_KEY', V(), 'pm.partition_key'),
        col('PARTITION_VALUE', V(), 'pm.partition_value'),
        col('DISTRIBUTION_KEY', V(), 'pm.distribute_key'),
        col('BUCKETS', T.int, 'CAST(pm.buckets AS INTEGER)'),
        col('REPLICATION_NUM', T.int, '1'),
        col('STORAGE_MEDIUM', V(), `'HDD'`),
        col('COOLDOWN_TIME', DT, `TIMESTAMP '9999-12-31 23:59:59'`),
        col('LAST_CONSISTENCY_CHECK_TIME', DT, NULL_S),
        col('IS_IN_MEMORY', T.boolean, 'false'),
        col('IS_TEMP', T.boolean, 'pm.is_temp'),
        col('DATA_SIZE', B, '0'),
        col('ROW_COUNT', B, '0'),
        col('ENABLE_DATACACHE', T.boolean, 'false'),
        col('AVG_CS', T.double, '0'),
        col('P50_CS', T.double, '0'),
        col('MAX_CS', T.double, '0'),
        col('STORAGE_PATH', V(), `''`),
      ],
      from: `(SELECT d.name AS db_name, t.name AS table_name, p.name AS partition_name, p.id AS partition_id,
          p.visible_version, p.visible_version_time, p.partition_key, p.range_text AS partition_value,
          t.distribute_key, CASE WHEN p.buckets > 0 THEN p.buckets ELSE t.distribute_bucket END AS buckets, p.is_temp
        FROM ${M}.partitions p, ${TABLES_FROM} AND t.id = p.table_id
        UNION ALL SELECT d.name, t.name, t.name, t.id, 1, t.create_time, '', '', t.distribute_key, t.distribute_bucket, false
        FROM ${TABLES_FROM} AND t.kind = 'table' AND t.partition_key = ''
        UNION ALL SELECT d.name, t.name, '$shadow_automatic_partition', 0, 1, t.create_time, t.partition_key, '',
          t.distribute_key, t.distribute_bucket, false
        FROM ${TABLES_FROM} AND t.kind = 'table' AND json_extract_string(t.definition, '$.partition.kind') = 'expr') pm`,
    },
    {
      name: 'tables_config',
      columns: [
        col('TABLE_SCHEMA', V(), 'd.name'),
        col('TABLE_NAME', V(), 't.name'),
        col('TABLE_ENGINE', V(), `'OLAP'`),
        col(
          'TABLE_MODEL',
          V(),
          `CASE t.keys_type WHEN 'primary' THEN 'PRIMARY_KEYS' WHEN 'unique' THEN 'UNIQUE_KEYS' WHEN 'aggregate' THEN 'AGG_KEYS' ELSE 'DUP_KEYS' END`,
        ),
        col(
          'PRIMARY_KEY',
          V(),
          `coalesce((SELECT string_agg('\`' || c.name || '\`', ', ' ORDER BY c.ordinal) FROM ${M}.columns c WHERE c.table_id = t.id AND c.is_key), '')`,
        ),
        col('PARTITION_KEY', V(), 't.partition_key'),
        col('DISTRIBUTE_KEY', V(), 't.distribute_key'),
        col('DISTRIBUTE_TYPE', V(), 't.distribute_type'),
        col('DISTRIBUTE_BUCKET', B, 't.distribute_bucket'),
        col('SORT_KEY', V(), 't.sort_key'),
        col('PROPERTIES', V(), 't.properties'),
        col('TABLE_ID', B, 't.id'),
      ],
      from: `${TABLES_FROM} AND t.kind = 'table'`,
    },
    {
      name: 'keywords',
      columns: [col('WORD', V(128), 'k.word'), col('RESERVED', T.int, 'k.reserved')],
      from: valuesFrom(
        [...RESERVED_WORDS].sort().map((w) => [w.toUpperCase(), 1]),
        'k',
        ['word', 'reserved'],
      ),
    },
  ];
}

function dynamicTables(): SysTable[] {
  const variables = (name: string): SysTable => ({
    name,
    columns: [col('VARIABLE_NAME', V()), col('VARIABLE_VALUE', V(1024))],
    dynamic: true,
  });
  return [
    variables('session_variables'),
    variables('global_variables'),
    {
      name: 'verbose_session_variables',
      columns: [
        col('VARIABLE_NAME', V()),
        col('VARIABLE_VALUE', V(1024)),
        col('DEFAULT_VALUE', V(1024)),
        col('IS_CHANGED', T.boolean),
      ],
      dynamic: true,
    },
    // Routine Load jobs (src/load/routine): StarRocks' table and the seeds' older alias.
    {
      name: 'routine_load_jobs',
      columns: [
        col('ID', B),
        col('NAME', V()),
        col('CREATE_TIME', DT),
        col('PAUSE_TIME', DT),
        col('END_TIME', DT),
        col('DB_NAME', V()),
        col('TABLE_NAME', V()),
        col('STATE', V()),
        col('DATA_SOURCE_TYPE', V()),
        col('CURRENT_TASK_NUM', B),
        ...['JOB_PROPERTIES', 'DATA_SOURCE_PROPERTIES', 'CUSTOM_PROPERTIES', 'STATISTICS', 'PROGRESS'].map(
          (n) => col(n, V(65535)),
        ),
        col('REASONS_OF_STATE_CHANGED', V(65535)),
        col('ERROR_LOG_URLS', V(65535)),
        col('TRACKING_SQL', V(65535)),
        col('OTHER_MSG', V(65535)),
        col('LATEST_SOURCE_POSITION', V(65535)),
        col('OFFSET_LAG', V(65535)),
        col('TIMESTAMP_PROGRESS', V(65535)),
      ],
      dynamic: true,
    },
    {
      name: 'routine_loads',
      columns: [
        col('id', B),
        col('job_name', V()),
        col('db_name', V()),
        col('table_name', V()),
        col('state', V()),
        col('consume_rate', B),
        col('error_rate', T.double),
        col('committed_task_num', B),
        col('abort_task_num', B),
        col('loaded_rows', B),
        col('error_rows', B),
        col('offset_lag', B),
      ],
      dynamic: true,
    },
    // One row per tablet (partition × bucket) of the tables the user may see (session/be-tablets.ts).
    {
      name: 'be_tablets',
      columns: [
        ...[
          'BE_ID',
          'TABLE_ID',
          'PARTITION_ID',
          'TABLET_ID',
          'NUM_VERSION',
          'MAX_VERSION',
          'MIN_VERSION',
        ].map((n) => col(n, B)),
        ...['NUM_ROWSET', 'NUM_ROW', 'DATA_SIZE', 'INDEX_MEM', 'CREATE_TIME'].map((n) => col(n, B)),
        col('STATE', V()),
        col('TYPE', V()),
        col('DATA_DIR', V()),
        col('SHARD_ID', B),
        col('SCHEMA_HASH', B),
        col('INDEX_DISK', B),
        col('MEDIUM_TYPE', V()),
        col('NUM_SEGMENT', B),
      ],
      dynamic: true,
    },
    {
      name: 'processlist',
      columns: [
        col('ID', B),
        col('USER', V(32)),
        col('HOST', V(261)),
        col('DB', V()),
        col('COMMAND', V(16)),
        col('TIME', T.int),
        col('STATE', V()),
        col('INFO', V(65536)),
      ],
      dynamic: true,
    },
  ];
}
