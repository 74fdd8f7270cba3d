/**
 * External catalogs (Hive, Iceberg, Hudi, Delta Lake, JDBC, Paimon): definitions validated the
 * way StarRocks checks them at CREATE time, stored, listed and printed with credentials masked.
 * Hive catalogs are read through src/lakehouse (session: exec-catalog.ts); the other types are
 * refused with a clear not-supported error when read.
 */
import { SqlError } from '../../errors/index.js';
import { Tokens } from '../resources/tokens.js';

export interface CatalogDoc {
  readonly name: string;
  readonly type: string;
  readonly comment: string | null;
  readonly properties: readonly { readonly key: string; readonly value: string }[];
}

export type CatalogCommand =
  | { readonly kind: 'create'; readonly ifNotExists: boolean; readonly doc: CatalogDoc }
  | { readonly kind: 'drop'; readonly ifExists: boolean; readonly name: string }
  | { readonly kind: 'alter'; readonly name: string; readonly properties: CatalogDoc['properties'] };

export const TYPE_NAMES: Readonly<Record<string, string>> = {
  hive: 'Hive',
  iceberg: 'Iceberg',
  hudi: 'Hudi',
  deltalake: 'Deltalake',
  jdbc: 'Jdbc',
  paimon: 'Paimon',
  unified: 'Unified',
};

function invalid(message: string): SqlError {
  return new SqlError('analysis-error', { message });
}

export function parseCatalogCommand(feature: string, text: string): CatalogCommand {
  const t = new Tokens(text);
  if (feature === 'DROP CATALOG') {
    t.expectWords('DROP', 'CATALOG');
    const ifExists = t.acceptWords('IF', 'EXISTS');
    const name = t.name();
    t.expectEnd();
    return { kind: 'drop', ifExists, name };
  }
  if (feature === 'ALTER CATALOG') {
    t.expectWords('ALTER', 'CATALOG');
    const name = t.name();
    t.expectWords('SET');
    const properties = t.pairs();
    t.expectEnd();
    return { kind: 'alter', name, properties };
  }
  t.expectWords('CREATE', 'EXTERNAL', 'CATALOG');
  const ifNotExists = t.acceptWords('IF', 'NOT', 'EXISTS');
  const name = t.name();
  const comment = t.acceptWords('COMMENT') ? t.value() : null;
  t.expectWords('PROPERTIES');
  const properties = t.pairs();
  t.expectEnd();
  return { kind: 'create', ifNotExists, doc: validateCatalog({ name, type: '', comment, properties }) };
}

function prop(doc: Pick<CatalogDoc, 'properties'>, key: string): string | undefined {
  return doc.properties.find((p) => p.key.toLowerCase() === key)?.value;
}

function need(doc: CatalogDoc, ...keys: string[]): void {
  for (const k of keys) if (prop(doc, k) === undefined) throw invalid(`Missing ${k} in properties`);
}

function checkUris(uris: string): void {
  for (const u of uris.split(',')) {
    if (!/^thrift:\/\/[^:/\s]+:\d+$/.test(u.trim())) throw invalid(`Invalid metastore uris: ${u.trim()}`);
  }
}

/** StarRocks' CREATE-time checks: name, type, and each type's required connection properties. */
export function validateCatalog(doc: CatalogDoc): CatalogDoc {
  if (!/^[a-zA-Z][a-zA-Z0-9_-]{0,63}$/.test(doc.name)) throw invalid(`Incorrect catalog name '${doc.name}'`);
  if (doc.name === 'default_catalog') throw invalid('default_catalog is a reserved catalog name');
  const type = prop(doc, 'type')?.toLowerCase();
  if (type === undefined) throw invalid("Missing properties 'type'");
  if (TYPE_NAMES[type] === undefined) throw invalid(`[type : ${type}] is not supported`);
  const d = { ...doc, type };
  switch (type) {
    case 'hive':
    case 'hudi':
    case 'deltalake': {
      const ms = (prop(d, 'hive.metastore.type') ?? 'hive').toLowerCase();
      if (ms === 'hive') {
        need(d, 'hive.metastore.uris');
        checkUris(prop(d, 'hive.metastore.uris') ?? '');
      } else if (ms === 'glue') need(d, 'aws.glue.region');
      else if (!['dlf', 'filesystem'].includes(ms)) throw invalid(`Unsupported metastore type: ${ms}`);
      break;
    }
    case 'iceberg': {
      need(d, 'iceberg.catalog.type');
      const ct = (prop(d, 'iceberg.catalog.type') ?? '').toLowerCase();
      if (ct === 'hive') {
        const uris = prop(d, 'hive.metastore.uris') ?? prop(d, 'iceberg.catalog.hive.metastore.uris');
        if (uris === undefined) throw invalid('Missing hive.metastore.uris in properties');
        checkUris(uris);
      } else if (ct === 'rest') need(d, 'iceberg.catalog.uri');
      else if (ct === 'hadoop') need(d, 'iceberg.catalog.warehouse');
      else if (!['glue', 'jdbc', 'dlf'].includes(ct))
        throw invalid(`Unsupported iceberg catalog type: ${ct}`);
      break;
    }
    case 'jdbc':
      need(d, 'user', 'password', 'jdbc_uri', 'driver_url', 'driver_class');
      if (!/^jdbc:(mysql|postgresql|oracle|sqlserver|clickhouse|mariadb):/i.test(prop(d, 'jdbc_uri') ?? ''))
        throw invalid(`Unsupported jdbc_uri: ${prop(d, 'jdbc_uri') ?? ''}`);
      break;
    case 'paimon':
      need(d, 'paimon.catalog.type', 'paimon.catalog.warehouse');
      break;
    default:
      break;
  }
  return d;
}

function mask(key: string, value: string): string {
  if (!/secret|password|access_key|token|credential/i.test(key)) return value;
  return value.length > 4 ? `${value.slice(0, 2)}******${value.slice(-2)}` : '******';
}

/** SHOW CREATE CATALOG text (credentials masked, as StarRocks prints them). */
export function createCatalogText(doc: CatalogDoc): string {
  const comment = doc.comment !== null ? `\ncomment "${doc.comment}"` : '';
  const props = doc.properties.map((p) => `"${p.key}" = "${mask(p.key, p.value)}"`).join(',\n');
  return `CREATE EXTERNAL CATALOG \`${doc.name}\`${comment}\nPROPERTIES (${props}\n)`;
}
