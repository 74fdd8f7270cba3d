/** INSERT INTO/OVERWRITE, UPDATE, DELETE. */
import type { AstDelete, AstInsert, AstUpdate } from '../../ast/index.js';
import type { Cursor } from '../cursor.js';

export function parseDml(p: Cursor): AstInsert | AstUpdate | AstDelete {
  p.note("'INSERT'");
  p.note("'UPDATE'");
  p.note("'DELETE'");
  return p.fail();
}
