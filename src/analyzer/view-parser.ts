/**
 * Parsing of stored view text with the SQL front end. Replaceable for tests (a view body written
 * as an AST) through {@link setViewParser}.
 */
import type { AstQuery } from '../sql/ast/index.js';
import { parseQuery } from '../sql/index.js';

export type ViewParser = (text: string) => AstQuery;

let parser: ViewParser = (text) => parseQuery(text);

/** Replace the parser used to expand views. */
export function setViewParser(p: ViewParser): void {
  parser = p;
}

export function parseViewText(text: string): AstQuery {
  return parser(text);
}
