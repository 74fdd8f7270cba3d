/**
 * Resource groups as StarRocks defines them: classifiers (user, role, query_type, source_ip, db,
 * plan cost ranges) that pick a group for a query (highest weight wins) and limits (cpu_weight
 * — `cpu_core_limit` before 3.3.5 —, exclusive_cpu_cores, mem_limit, concurrency_limit,
 * big_query_*, spill_mem_limit_threshold). Parsed from the statement text, validated, shown.
 */
import { SqlError } from '../../errors/index.js';
import { Tokens } from './tokens.js';

export interface Classifier {
  readonly id: number;
  readonly user?: string;
  readonly role?: string;
  readonly queryTypes?: readonly string[];
  readonly sourceIp?: string;
  readonly databases?: readonly string[];
  readonly planCpuCostRange?: string;
  readonly planMemCostRange?: string;
}

export interface GroupLimits {
  readonly cpuWeight?: number;
  readonly exclusiveCpuCores?: number;
  readonly maxCpuCores?: number;
  /** Fraction (0, 1]. */
  readonly memLimit?: number;
  readonly concurrencyLimit?: number;
  readonly bigQueryCpuSecondLimit?: number;
  readonly bigQueryScanRowsLimit?: number;
  readonly bigQueryMemLimit?: number;
  readonly spillMemLimitThreshold?: number;
  readonly type?: string;
}

export interface GroupDoc {
  readonly id: number;
  readonly name: string;
  readonly classifiers: readonly Classifier[];
  readonly limits: GroupLimits;
}

export type GroupCommand =
  | {
      readonly kind: 'create';
      readonly name: string;
      readonly ifNotExists: boolean;
      readonly orReplace: boolean;
      readonly classifiers: readonly Omit<Classifier, 'id'>[];
      readonly limits: GroupLimits;
    }
  | { readonly kind: 'drop'; readonly name: string; readonly ifExists: boolean }
  | {
      readonly kind: 'alter-add';
      readonly name: string;
      readonly classifiers: readonly Omit<Classifier, 'id'>[];
    }
  | { readonly kind: 'alter-drop'; readonly name: string; readonly ids: readonly number[] | 'all' }
  | { readonly kind: 'alter-with'; readonly name: string; readonly limits: GroupLimits };

function invalid(message: string): SqlError {
  return new SqlError('analysis-error', { message });
}

export function parseGroupCommand(feature: string, text: string): GroupCommand {
  const t = new Tokens(text);
  if (feature === 'DROP RESOURCE GROUP') {
    t.expectWords('DROP', 'RESOURCE', 'GROUP');
    const ifExists = t.acceptWords('IF', 'EXISTS');
    const name = t.name();
    t.expectEnd();
    return { kind: 'drop', name, ifExists };
  }
  if (feature === 'ALTER RESOURCE GROUP') {
    t.expectWords('ALTER', 'RESOURCE', 'GROUP');
    const name = t.name();
    if (t.acceptWords('ADD')) return { kind: 'alter-add', name, classifiers: classifierList(t) };
    if (t.acceptWords('DROP', 'ALL')) return { kind: 'alter-drop', name, ids: 'all' };
    if (t.acceptWords('DROP')) {
      t.expectOp('(');
      const ids: number[] = [];
      do ids.push(Number(t.value()));
      while (t.acceptOp(','));
      t.expectOp(')');
      return { kind: 'alter-drop', name, ids };
    }
    t.expectWords('WITH');
    return { kind: 'alter-with', name, limits: limitsOf(t.pairs(), true) };
  }
  t.expectWords('CREATE');
  const orReplace = t.acceptWords('OR', 'REPLACE');
  t.expectWords('RESOURCE', 'GROUP');
  const ifNotExists = t.acceptWords('IF', 'NOT', 'EXISTS');
  const name = t.name();
  const classifiers = t.acceptWords('TO') ? classifierList(t) : [];
  t.expectWords('WITH');
  const limits = limitsOf(t.pairs(), false);
  t.expectEnd();
  return { kind: 'create', name, ifNotExists, orReplace, classifiers, limits };
}

const CLASSIFIER_KEYS = [
  'user',
  'role',
  'query_type',
  'source_ip',
  'db',
  'plan_cpu_cost_range',
  'plan_mem_cost_range',
];
const QUERY_TYPES = ['SELECT', 'INSERT'];
const AT_LEAST_ONE = "At least one of ('user', 'role', 'query_type', 'db', 'source_ip') should be given";

function classifierList(t: Tokens): Omit<Classifier, 'id'>[] {
  const out: Omit<Classifier, 'id'>[] = [];
  do out.push(classifier(t));
  while (t.acceptOp(','));
  return out;
}

function classifier(t: Tokens): Omit<Classifier, 'id'> {
  t.expectOp('(');
  const c: { -readonly [K in keyof Classifier]?: Classifier[K] } = {};
  if (t.isOp(')')) throw invalid(AT_LEAST_ONE);
  do {
    const key = t.name().toLowerCase();
    if (!CLASSIFIER_KEYS.includes(key)) throw invalid(`Unsupported classifier specifier: '${key}'`);
    let values: string[];
    if (t.acceptWords('IN')) {
      t.expectOp('(');
      values = [];
      do values.push(t.value());
      while (t.acceptOp(','));
      t.expectOp(')');
    } else {
      t.expectOp('=');
      values = [t.value()];
    }
    const v = values.join(',');
    if (key === 'user') c.user = v;
    else if (key === 'role') c.role = v;
    else if (key === 'query_type') {
      const types = values.flatMap((x) => x.split(',')).map((x) => x.trim().toUpperCase());
      for (const q of types)
        if (!QUERY_TYPES.includes(q)) throw invalid(`Unsupported query_type: '${q.toLowerCase()}'`);
      c.queryTypes = types;
    } else if (key === 'source_ip') {
      if (cidrPrefix(v) === null) throw invalid(`Invalid CIDR format '${v}'`);
      c.sourceIp = v;
    } else if (key === 'db') c.databases = v.split(',').map((x) => x.trim());
    else if (key === 'plan_cpu_cost_range') c.planCpuCostRange = v;
    else c.planMemCostRange = v;
  } while (t.acceptOp(','));
  t.expectOp(')');
  if (
    c.user === undefined &&
    c.role === undefined &&
    c.queryTypes === undefined &&
    c.sourceIp === undefined &&
    c.databases === undefined &&
    c.planCpuCostRange === undefined &&
    c.planMemCostRange === undefined
  )
    throw invalid(AT_LEAST_ONE);
  return c;
}

/** `a.b.c.d[/n]` → prefix length (32 without `/n`), or null when malformed. */
export function cidrPrefix(text: string): number | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/.exec(text.trim());
  if (m === null || m.slice(1, 5).some((x) => Number(x) > 255)) return null;
  const prefix = m[5] === undefined ? 32 : Number(m[5]);
  return prefix <= 32 ? prefix : null;
}

function ipNumber(ip: string): number {
  return ip.split('.').reduce((acc, x) => acc * 256 + Number(x), 0);
}

/** Does `host` (an IPv4 address; `localhost` counts as 127.0.0.1) fall in the CIDR block? */
export function inCidr(cidr: string, host: string): boolean {
  const prefix = cidrPrefix(cidr);
  const addr = host === 'localhost' ? '127.0.0.1' : host.replace(/^::ffff:/, '');
  if (prefix === null || cidrPrefix(addr) === null) return false;
  const base = cidr.split('/')[0] as string;
  const mask = prefix === 0 ? 0 : 2 ** 32 - 2 ** (32 - prefix);
  return (
    Math.floor(ipNumber(base) / 2 ** (32 - prefix)) * 2 ** (32 - prefix) ===
      Math.floor(ipNumber(addr) / 2 ** (32 - prefix)) * 2 ** (32 - prefix) && mask >= 0
  );
}

function fraction(key: string, v: string): number {
  const pct = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(v);
  const n = pct !== null ? Number(pct[1]) / 100 : Number(v);
  if (!Number.isFinite(n) || n <= 0 || n > 1)
    throw invalid(`The range of '${key}' should be (0, 1] or (0%, 100%]`);
  return n;
}

function count(key: string, v: string, min = 0): number {
  const n = Number(v);
  if (!/^\s*\d+\s*$/.test(v) || n < min) throw invalid(`The value of '${key}' must be an integer >= ${min}`);
  return n;
}

/** WITH (…) → limits; a new group needs mem_limit and one of cpu_weight / exclusive_cpu_cores. */
function limitsOf(pairs: readonly { key: string; value: string }[], partial: boolean): GroupLimits {
  const l: { -readonly [K in keyof GroupLimits]?: GroupLimits[K] } = {};
  for (const { key, value } of pairs) {
    switch (key.toLowerCase()) {
      case 'cpu_core_limit':
      case 'cpu_weight':
        l.cpuWeight = count(key, value, 1);
        break;
      case 'exclusive_cpu_cores':
        l.exclusiveCpuCores = count(key, value);
        break;
      case 'max_cpu_cores':
        l.maxCpuCores = count(key, value);
        break;
      case 'mem_limit':
        l.memLimit = fraction(key, value);
        break;
      case 'concurrency_limit':
        l.concurrencyLimit = count(key, value);
        break;
      case 'big_query_cpu_second_limit':
        l.bigQueryCpuSecondLimit = count(key, value);
        break;
      case 'big_query_scan_rows_limit':
        l.bigQueryScanRowsLimit = count(key, value);
        break;
      case 'big_query_mem_limit':
        l.bigQueryMemLimit = count(key, value);
        break;
      case 'spill_mem_limit_threshold':
        l.spillMemLimitThreshold = fraction(key, value);
        break;
      case 'type': {
        const type = value.toLowerCase();
        if (!['normal', 'short_query', 'mv'].includes(type))
          throw invalid(`Unknown resource group type: ${value}`);
        l.type = type;
        break;
      }
      default:
        throw invalid(`Unknown property: ${key}`);
    }
  }
  if (!partial) {
    if (l.cpuWeight === undefined && (l.exclusiveCpuCores ?? 0) === 0)
      throw invalid("The property 'cpu_weight' or 'exclusive_cpu_cores' must be positive");
    if (l.memLimit === undefined) throw invalid("The property 'mem_limit' must be specified");
  }
  if ((l.cpuWeight ?? 0) > 0 && (l.exclusiveCpuCores ?? 0) > 0)
    throw invalid("'cpu_weight' and 'exclusive_cpu_cores' cannot be both positive");
  return l;
}

/** StarRocks' classifier weight: the most specific classifier wins. */
export function classifierWeight(c: Classifier): number {
  let w = 0;
  if (c.user !== undefined) w += 1;
  if (c.role !== undefined) w += 1;
  if (c.queryTypes !== undefined && c.queryTypes.length > 0) w += 1 + 0.1 / c.queryTypes.length;
  if (c.sourceIp !== undefined) w += 1 + (cidrPrefix(c.sourceIp) ?? 32) / 64;
  if (c.databases !== undefined && c.databases.length > 0) w += 10 * c.databases.length;
  if (c.planCpuCostRange !== undefined) w += 1;
  if (c.planMemCostRange !== undefined) w += 1;
  return w;
}

function classifierText(c: Classifier): string {
  const w = classifierWeight(c);
  const parts = [`id=${c.id}`, `weight=${Number.isInteger(w) ? w.toFixed(1) : String(w)}`];
  if (c.user !== undefined) parts.push(`user=${c.user}`);
  if (c.role !== undefined) parts.push(`role=${c.role}`);
  if (c.queryTypes !== undefined) parts.push(`query_type in (${c.queryTypes.join(', ')})`);
  if (c.sourceIp !== undefined) parts.push(`source_ip=${c.sourceIp}`);
  if (c.databases !== undefined) parts.push(`db='${c.databases.join(',')}'`);
  if (c.planCpuCostRange !== undefined) parts.push(`plan_cpu_cost_range=${c.planCpuCostRange}`);
  if (c.planMemCostRange !== undefined) parts.push(`plan_mem_cost_range=${c.planMemCostRange}`);
  return `(${parts.join(', ')})`;
}

export const GROUP_COLUMNS = [
  'name',
  'id',
  'cpu_weight',
  'exclusive_cpu_cores',
  'mem_limit',
  'big_query_cpu_second_limit',
  'big_query_scan_rows_limit',
  'big_query_mem_limit',
  'concurrency_limit',
  'spill_mem_limit_threshold',
  'classifiers',
];

const pct = (f: number): string => `${(Math.round(f * 1000) / 10).toFixed(1)}%`;

/** SHOW RESOURCE GROUP(S) rows: one per classifier (one row without classifiers). */
export function groupRows(g: GroupDoc): string[][] {
  const l = g.limits;
  const base = [
    g.name,
    String(g.id),
    String(l.cpuWeight ?? 0),
    String(l.exclusiveCpuCores ?? 0),
    pct(l.memLimit ?? 1),
    String(l.bigQueryCpuSecondLimit ?? 0),
    String(l.bigQueryScanRowsLimit ?? 0),
    String(l.bigQueryMemLimit ?? 0),
    l.concurrencyLimit !== undefined ? String(l.concurrencyLimit) : 'null',
    `${Math.round((l.spillMemLimitThreshold ?? 1) * 100)}%`,
  ];
  if (g.classifiers.length === 0) return [[...base, '(id=0, weight=0.0)']];
  return g.classifiers.map((c) => [...base, classifierText(c)]);
}

/** The built-in groups SHOW RESOURCE GROUPS ALL lists. */
export const BUILTIN_GROUPS: readonly GroupDoc[] = [
  { id: 2, name: 'default_wg', classifiers: [], limits: { cpuWeight: 32, memLimit: 1 } },
  {
    id: 3,
    name: 'default_mv_wg',
    classifiers: [],
    limits: { cpuWeight: 1, memLimit: 0.8, spillMemLimitThreshold: 0.8 },
  },
];

/** What a query looks like to the classifiers. */
export interface QueryFacts {
  readonly user: string;
  readonly roles: ReadonlySet<string>;
  readonly queryType: 'SELECT' | 'INSERT';
  readonly host: string;
  readonly databases: readonly string[];
}

export function matches(c: Classifier, q: QueryFacts): boolean {
  if (c.user !== undefined && c.user !== q.user) return false;
  if (c.role !== undefined && !q.roles.has(c.role)) return false;
  if (c.queryTypes !== undefined && !c.queryTypes.includes(q.queryType)) return false;
  if (c.sourceIp !== undefined && !inCidr(c.sourceIp, q.host)) return false;
  if (c.databases !== undefined && !c.databases.some((d) => q.databases.includes(d))) return false;
  return true;
}

/** The group whose best-matching classifier weighs most (null: the default group). */
export function classify(groups: readonly GroupDoc[], q: QueryFacts): GroupDoc | null {
  let best: { g: GroupDoc; w: number; id: number } | null = null;
  for (const g of groups)
    for (const c of g.classifiers) {
      if (!matches(c, q)) continue;
      const w = classifierWeight(c);
      if (best === null || w > best.w || (w === best.w && c.id < best.id)) best = { g, w, id: c.id };
    }
  return best?.g ?? null;
}
