export { printStatement } from './statement.js';
export { printExpr, printOrderItems, printWindow } from './expr.js';
export { printQuery, printRelation } from './query.js';
export { printType } from './type.js';
export { ident as quoteIdent, qname as quoteName, str as quoteString } from './quote.js';
