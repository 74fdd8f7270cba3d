/**
 * JSON Schema (draft 2020-12 subset that ajv 8 checks by default, draft-07 keywords) of the
 * application form as written by the business (YAML). `rockling onboard init` writes it next to
 * the form so editors can complete and check fields; `check` validates with it, then applies
 * the semantic checks JSON Schema cannot express (units, positivity, cross references).
 */
import { FILE_FORMATS, SCENARIOS, SOURCE_KINDS, UPDATE_MODES } from './model.js';

const size = {
  type: ['string', 'number'],
  format: 'size',
  description: 'bytes, or a size: 5 TB, 100 GB (binary units: 1 GB = 2^30 B)',
};
const count = { type: ['string', 'number'], format: 'count', description: 'a count: 500M, 5亿, 1.2 billion' };
const duration = {
  type: ['string', 'number'],
  format: 'duration',
  exclusiveMinimum: 0,
  description: 'seconds, or a duration: 10s, 200ms, 5 min, 365 days, T+1',
};
const text = { type: 'string', minLength: 1 };
const identifier = { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]{0,63}$' };

const column = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'type'],
  properties: {
    name: identifier,
    type: {
      type: 'string',
      format: 'sr-type',
      description: 'StarRocks type: BIGINT, VARCHAR(64), DATETIME …',
    },
    ndv: count,
    nullable: { type: 'boolean' },
    comment: { type: 'string' },
  },
};

const table = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: {
    name: identifier,
    from: { anyOf: [text, { type: 'array', items: text, minItems: 1 }] },
    updates: { enum: [...UPDATE_MODES] },
    keep_detail: { type: 'boolean' },
    key: { type: 'array', items: identifier, minItems: 1 },
    time_column: identifier,
    columns: { type: 'array', items: column, minItems: 1 },
    sample: {
      type: 'string',
      description: 'a .csv/.json/.ndjson file, or mysql://user:pass@host:port/db/table',
    },
    stock: size,
    stock_format: { enum: [...FILE_FORMATS] },
    stock_rows: count,
    daily_rows: count,
    daily_bytes: size,
    rows: count,
    retention: duration,
    freshness: duration,
  },
};

const source = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'kind'],
  properties: {
    name: identifier,
    kind: { enum: [...SOURCE_KINDS] },
    topic: text,
    brokers: text,
    partitions: { type: 'integer', minimum: 1 },
    format: { enum: [...FILE_FORMATS] },
    table: text,
    metastore: text,
    location: text,
  },
};

const query = {
  type: 'object',
  additionalProperties: false,
  required: ['sql'],
  properties: {
    name: identifier,
    sql: text,
    sla: { enum: ['point', 'complex'] },
    qps: { type: 'number', exclusiveMinimum: 0 },
    scan_rows: count,
  },
};

/** The form's JSON Schema. */
export const FORM_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://rockling.dev/schemas/onboarding-form.json',
  title: 'Rockling / StarRocks business onboarding application form',
  type: 'object',
  additionalProperties: false,
  required: [
    'business',
    'owner',
    'scenario',
    'sources',
    'volume',
    'retention',
    'freshness',
    'qps',
    'latency',
  ],
  properties: {
    business: {
      type: 'string',
      pattern: '^[a-z][a-z0-9_]{0,47}$',
      description: 'identifier of the business: lower case letters, digits, _',
    },
    title: text,
    database: identifier,
    owner: {
      type: 'object',
      additionalProperties: false,
      required: ['name', 'contact'],
      properties: { name: text, contact: text },
    },
    scenario: {
      anyOf: [{ enum: [...SCENARIOS] }, { type: 'array', items: { enum: [...SCENARIOS] }, minItems: 1 }],
    },
    description: { type: 'string' },
    core: { type: 'boolean' },
    sources: { type: 'array', items: source, minItems: 1 },
    volume: {
      type: 'object',
      additionalProperties: false,
      required: ['daily_bytes'],
      properties: {
        stock: size,
        stock_format: { enum: [...FILE_FORMATS] },
        stock_rows: count,
        daily_rows: count,
        daily_bytes: size,
      },
    },
    retention: {
      type: ['string', 'number'],
      format: 'retention',
      exclusiveMinimum: 0,
      description: '365 days, 3 years, forever',
    },
    freshness: duration,
    qps: {
      type: 'object',
      additionalProperties: false,
      required: ['peak'],
      properties: { peak: { ...count, exclusiveMinimum: 0 }, daily: count },
    },
    latency: {
      type: 'object',
      additionalProperties: false,
      minProperties: 1,
      properties: { point_p99: duration, complex_p99: duration },
    },
    tables: { type: 'array', items: table },
    queries: { type: 'array', items: query },
    cluster: {
      type: 'object',
      additionalProperties: false,
      properties: {
        mode: { enum: ['auto', 'shared', 'dedicated'] },
        be_disk: size,
        be_cores: { type: 'integer', minimum: 2 },
        be_memory: size,
        replication: { type: 'integer', minimum: 1, maximum: 5 },
        starrocks_version: { type: 'string', pattern: '^[0-9]+\\.[0-9]+' },
        shared_cluster_be: { type: 'integer', minimum: 1 },
      },
    },
  },
} as const;
