/** Statement printer entry. */
import type { AstStatement } from '../ast/index.js';
import { printOtherStatement } from './statements.js';

/** Print a statement as StarRocks SQL (parse → print → parse yields an equal AST). */
export function printStatement(s: AstStatement): string {
  return printOtherStatement(s);
}
