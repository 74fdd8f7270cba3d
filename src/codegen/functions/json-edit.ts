/**
 * JSON_CONTAINS and JSON_REMOVE as DuckDB expressions over the json extension. DuckDB has no
 * recursive JSON editing, so both are unrolled at generation time: JSON_CONTAINS to a fixed
 * nesting depth of array-in-array containment, JSON_REMOVE along the (constant) paths it is given.
 */
import type { EmitCall, FunctionEmitter } from '../function-emitter.js';
import { arg, constArg, nullIfAnyNull, unsupported } from './util.js';

/** How deep array-in-array containment is followed (StarRocks recurses without limit). */
const CONTAINS_DEPTH = 3;

const objectMap = (j: string): string => `TRY_CAST(${j} AS MAP(VARCHAR, JSON))`;
const jsonList = (j: string): string => `TRY_CAST(${j} AS JSON[])`;
const jsonEq = (a: string, b: string): string => `(json(${a}) = json(${b}))`;
const all = (list: string): string => `coalesce(list_bool_and(${list}), true)`;
const any = (list: string): string => `coalesce(list_bool_or(${list}), false)`;

/**
 * StarRocks' containment (JsonContainmentChecker): a JSON null candidate is always contained;
 * equal values contain each other; an object contains an object whose every member it has with
 * an equal value; an array contains an array whose every element some element contains, and an
 * object whose members are found (each in some element object). An array never contains a bare
 * scalar (the recorded StarRocks results say 0 for json_contains('[1, 2, 3]', '2')).
 */
function contains(t: string, c: string, depth: number): string {
  const e = `__rk_e${depth}`;
  const x = `__rk_x${depth}`;
  const objectInObject = all(
    `list_transform(map_entries(${objectMap(c)}), ${e} -> coalesce(${jsonEq(`${objectMap(t)}[${e}.key]`, `${e}.value`)}, false))`,
  );
  const inArray = (candidate: string): string =>
    depth <= 0
      ? any(`list_transform(${jsonList(t)}, ${x} -> coalesce(${jsonEq(x, candidate)}, false))`)
      : any(`list_transform(${jsonList(t)}, ${x} -> ${contains(x, candidate, depth - 1)})`);
  const arrayInArray = all(`list_transform(${jsonList(c)}, ${e} -> ${inArray(e)})`);
  const distributed = all(
    `list_transform(map_entries(${objectMap(c)}), ${e} -> ${any(
      `list_transform(${jsonList(t)}, ${x} -> coalesce(json_type(${x}) = 'OBJECT' AND ${jsonEq(`${objectMap(x)}[${e}.key]`, `${e}.value`)}, false))`,
    )})`,
  );
  return (
    `(CASE WHEN json_type(${c}) = 'NULL' THEN true WHEN json_type(${t}) = 'NULL' THEN false ` +
    `WHEN ${jsonEq(t, c)} THEN true ` +
    `WHEN json_type(${t}) = 'OBJECT' AND json_type(${c}) = 'OBJECT' THEN ${objectInObject} ` +
    `WHEN json_type(${t}) = 'ARRAY' AND json_type(${c}) = 'ARRAY' THEN ${arrayInArray} ` +
    `WHEN json_type(${t}) = 'ARRAY' AND json_type(${c}) = 'OBJECT' THEN ${distributed} ELSE false END)`
  );
}

/** A parsed StarRocks JSON path step: an object member or an array element. */
type Step = { readonly key: string } | { readonly index: number };

/**
 * `$.a.b[1]."k y"` → steps; null for a path StarRocks' JsonPath::parse refuses or that names the
 * root itself (both leave the document unchanged).
 */
export function parseRemovePath(path: string): Step[] | null {
  if (!path.startsWith('$')) return null;
  const steps: Step[] = [];
  const re = /\.(?:"((?:[^"\\]|\\.)*)"|([^.[\]"]+))|\[(\d+)\]/y;
  re.lastIndex = 1;
  while (re.lastIndex < path.length) {
    const m = re.exec(path);
    if (m === null) return null;
    if (m[3] !== undefined) steps.push({ index: Number(m[3]) });
    else steps.push({ key: m[1] ?? m[2] ?? '' });
  }
  return steps.length === 0 ? null : steps;
}

/** Paths to remove as a tree: members/elements to drop here, and subtrees to rebuild. */
interface RemoveNode {
  readonly dropKeys: Set<string>;
  readonly dropIndexes: Set<number>;
  readonly keys: Map<string, RemoveNode>;
  readonly indexes: Map<number, RemoveNode>;
}

const newNode = (): RemoveNode => ({
  dropKeys: new Set(),
  dropIndexes: new Set(),
  keys: new Map(),
  indexes: new Map(),
});

function addPath(root: RemoveNode, steps: readonly Step[]): void {
  let node = root;
  steps.forEach((s, i) => {
    const last = i === steps.length - 1;
    if ('key' in s) {
      if (last) node.dropKeys.add(s.key);
      else node = node.keys.get(s.key) ?? node.keys.set(s.key, newNode()).get(s.key)!;
    } else if (last) node.dropIndexes.add(s.index);
    else node = node.indexes.get(s.index) ?? node.indexes.set(s.index, newNode()).get(s.index)!;
  });
}

/** Rebuild JSON `j` without the paths under `node`; all paths are applied to the original. */
function rebuild(c: EmitCall, j: string, node: RemoveNode, depth: number): string {
  const branches: string[] = [];
  const e = `__rk_r${depth}`;
  if (node.dropKeys.size > 0 || node.keys.size > 0) {
    const dropped = [...node.dropKeys].map((k) => c.literal(k));
    const keep = dropped.length === 0 ? 'true' : `${e}.key NOT IN (${dropped.join(', ')})`;
    const inner = [...node.keys].map(
      ([k, child]) => `WHEN ${c.literal(k)} THEN ${rebuild(c, `${e}.value`, child, depth + 1)}`,
    );
    const value = inner.length === 0 ? `${e}.value` : `CASE ${e}.key ${inner.join(' ')} ELSE ${e}.value END`;
    const entries = `list_transform(list_filter(map_entries(${objectMap(j)}), ${e} -> ${keep}), ${e} -> struct_pack(key := ${e}.key, value := ${value}))`;
    branches.push(`WHEN 'OBJECT' THEN json(to_json(map_from_entries(${entries})))`);
  }
  if (node.dropIndexes.size > 0 || node.indexes.size > 0) {
    const i = `__rk_i${depth}`;
    const keep = node.dropIndexes.size === 0 ? 'true' : `${e}.i NOT IN (${[...node.dropIndexes].join(', ')})`;
    const inner = [...node.indexes].map(
      ([n, child]) => `WHEN ${n} THEN ${rebuild(c, `${e}`, child, depth + 1)}`,
    );
    const value = inner.length === 0 ? e : `CASE ${i} - 1 ${inner.join(' ')} ELSE ${e} END`;
    const indexed = `list_transform(${jsonList(j)}, (${e}, ${i}) -> struct_pack(i := ${i} - 1, v := ${value}))`;
    const kept = `list_transform(list_filter(${indexed}, ${e} -> ${keep}), ${e} -> ${e}.v)`;
    branches.push(`WHEN 'ARRAY' THEN json(to_json(${kept}))`);
  }
  return branches.length === 0 ? j : `(CASE json_type(${j}) ${branches.join(' ')} ELSE ${j} END)`;
}

function jsonRemove(c: EmitCall): string {
  const doc = arg(c, 0);
  const root = newNode();
  for (let i = 1; i < c.args.length; i++) {
    const path = constArg(c, i);
    if (path === null) return 'CAST(NULL AS JSON)';
    if (typeof path !== 'string') return unsupported('json_remove with a non-constant path');
    const steps = parseRemovePath(path);
    if (steps !== null) addPath(root, steps);
  }
  // A JSON null document comes back as the JSON string "null" in StarRocks' recorded results.
  return `CAST((CASE WHEN json_type(${doc}) = 'NULL' THEN '"null"' ELSE ${rebuild(c, doc, root, 0)} END) AS JSON)`;
}

/** JSON editing emitters by id. */
export const JSON_EDIT_EMITTERS: Readonly<Record<string, FunctionEmitter>> = {
  json_contains: (c) => nullIfAnyNull(c.args, contains(arg(c, 0), arg(c, 1), CONTAINS_DEPTH)),
  json_remove: jsonRemove,
};
