/**
 * Name scopes. A scope lists the fields visible to expressions (from the FROM clause), links to
 * the enclosing query's scope (correlated subqueries) and holds the CTEs in force. Column names
 * match case-insensitively; table qualifiers (names and aliases) case-sensitively, as StarRocks
 * does with lower_case_table_names = 0.
 */
import type { SourcePos } from '../errors/index.js';
import type { BoundExpr, ColumnInfo } from './bound.js';
import { ambiguousColumn } from './errors.js';

/** The qualifier a field can be referenced by: `t.c`, `db.t.c`, `catalog.db.t.c`. */
export interface FieldQualifier {
  readonly catalog: string | null;
  readonly db: string | null;
  readonly table: string;
}

export interface Field {
  readonly qualifier: FieldQualifier | null;
  readonly name: string;
  readonly column: ColumnInfo;
  /** USING/NATURAL join output: an expression (COALESCE for FULL JOIN) instead of the column. */
  readonly expr?: BoundExpr;
  /** Included in `*` expansion (false for the duplicate side of USING columns). */
  readonly inStar: boolean;
  /** Unqualified references skip it (the per-side copies of USING columns). */
  readonly qualifiedOnly?: boolean;
}

export interface CteDefinition {
  readonly id: number;
  readonly name: string;
  readonly columns: readonly ColumnInfo[];
}

export class Scope {
  private readonly ctes = new Map<string, CteDefinition>();

  constructor(
    readonly fields: readonly Field[],
    readonly parent: Scope | null,
  ) {}

  /** A child scope for a FROM clause nested in this one (subquery): outer fields stay reachable. */
  child(fields: readonly Field[]): Scope {
    return new Scope(fields, this);
  }

  addCte(cte: CteDefinition): void {
    this.ctes.set(cte.name, cte);
  }

  findCte(name: string): CteDefinition | null {
    return this.ctes.get(name) ?? this.parent?.findCte(name) ?? null;
  }

  /**
   * Resolve `parts` (`[col]`, `[t, col]`, `[db, t, col]`, `[cat, db, t, col]`) in this scope, then
   * outer scopes. null when nothing matches anywhere; throws on ambiguity within one scope.
   */
  resolve(parts: readonly string[], pos?: SourcePos): Field | null {
    const matches = this.fields.filter((f) => fieldMatches(f, parts));
    if (matches.length > 1) {
      const distinct = new Set(matches.map((m) => m.column.id));
      if (distinct.size > 1 || matches.some((m) => m.expr !== undefined)) {
        throw ambiguousColumn(parts[parts.length - 1] ?? '', pos);
      }
    }
    if (matches[0] !== undefined) return matches[0];
    return this.parent?.resolve(parts, pos) ?? null;
  }

  /** Whether `parts` names a field of this scope (not outer ones). */
  hasLocal(parts: readonly string[]): boolean {
    return this.fields.some((f) => fieldMatches(f, parts));
  }

  /** Every column name reachable, for near-name suggestions. */
  allNames(): string[] {
    return [...this.fields.map((f) => f.name), ...(this.parent?.allNames() ?? [])];
  }
}

function fieldMatches(f: Field, parts: readonly string[]): boolean {
  const column = parts[parts.length - 1];
  if (column === undefined || f.name.toLowerCase() !== column.toLowerCase()) return false;
  if (parts.length === 1) return f.qualifiedOnly !== true || f.qualifier === null;
  const q = f.qualifier;
  if (q === null || f.expr !== undefined) return false;
  if (q.table !== parts[parts.length - 2]) return false;
  if (parts.length >= 3 && q.db !== parts[parts.length - 3]) return false;
  if (parts.length >= 4 && q.catalog !== parts[parts.length - 4]) return false;
  return parts.length <= 4;
}
