/**
 * REFRESH / ALTER / DROP / CANCEL REFRESH MATERIALIZED VIEW, which the parser keeps as generic
 * text: read into small plain commands. A new refresh scheme is read by the real parser (as the
 * REFRESH clause of a CREATE MATERIALIZED VIEW).
 */
import { SqlError } from '../../errors/index.js';
import { parseStatement, type AstMvRefresh, type AstProperties } from '../../sql/index.js';
import { Tokens } from '../resources/tokens.js';

export type MvCommand =
  | { readonly kind: 'refresh'; readonly name: string[]; readonly force: boolean; readonly sync: boolean }
  | { readonly kind: 'drop'; readonly name: string[]; readonly ifExists: boolean }
  | { readonly kind: 'cancel'; readonly name: string[] }
  | { readonly kind: 'rename'; readonly name: string[]; readonly to: string }
  | { readonly kind: 'active'; readonly name: string[]; readonly active: boolean }
  | { readonly kind: 'refresh-scheme'; readonly name: string[]; readonly refresh: AstMvRefresh }
  | { readonly kind: 'set'; readonly name: string[]; readonly properties: AstProperties };

export function parseMvCommand(feature: string, text: string): MvCommand {
  const t = new Tokens(text);
  switch (feature) {
    case 'REFRESH MATERIALIZED VIEW': {
      t.expectWords('REFRESH', 'MATERIALIZED', 'VIEW');
      const name = t.qualifiedName();
      if (t.acceptWords('PARTITION')) {
        // PARTITION START (…) END (…) / PARTITION (p1, …): the whole MV is recomputed.
        while (!t.atEnd() && !t.isWord('FORCE') && !t.isWord('WITH')) t.i++;
      }
      const force = t.acceptWords('FORCE');
      let sync = false;
      if (t.acceptWords('WITH')) {
        sync = t.acceptWords('SYNC');
        if (!sync) t.expectWords('ASYNC');
        t.expectWords('MODE');
      }
      t.expectEnd();
      return { kind: 'refresh', name, force, sync };
    }
    case 'DROP MATERIALIZED VIEW': {
      t.expectWords('DROP', 'MATERIALIZED', 'VIEW');
      const ifExists = t.acceptWords('IF', 'EXISTS');
      const name = t.qualifiedName();
      t.expectEnd();
      return { kind: 'drop', name, ifExists };
    }
    case 'CANCEL REFRESH MATERIALIZED VIEW': {
      t.expectWords('CANCEL', 'REFRESH', 'MATERIALIZED', 'VIEW');
      return { kind: 'cancel', name: t.qualifiedName() };
    }
    case 'ALTER MATERIALIZED VIEW':
      return parseAlter(t);
    default:
      throw new SqlError('not-supported', { feature });
  }
}

function parseAlter(t: Tokens): MvCommand {
  t.expectWords('ALTER', 'MATERIALIZED', 'VIEW');
  const name = t.qualifiedName();
  if (t.acceptWords('RENAME')) {
    const to = t.name();
    t.expectEnd();
    return { kind: 'rename', name, to };
  }
  if (t.acceptWords('ACTIVE')) return { kind: 'active', name, active: true };
  if (t.acceptWords('INACTIVE')) return { kind: 'active', name, active: false };
  if (t.acceptWords('SET')) {
    const properties = t.pairs();
    t.expectEnd();
    return { kind: 'set', name, properties };
  }
  if (t.isWords('REFRESH')) {
    const stmt = parseStatement(`CREATE MATERIALIZED VIEW x ${t.rest()} AS SELECT 1`);
    if (stmt.kind !== 'create-materialized-view' || stmt.refresh === undefined)
      t.fail('expected a refresh scheme');
    return { kind: 'refresh-scheme', name, refresh: stmt.refresh };
  }
  return t.fail('expected RENAME, REFRESH, ACTIVE, INACTIVE or SET');
}
