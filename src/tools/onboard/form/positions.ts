/**
 * Line/column lookup for paths into a YAML document, so every diagnostic points at the line the
 * business has to fix.
 */
import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';

/** A path into the form: keys and array indexes. */
export type FormPath = ReadonlyArray<string | number>;

export interface Position {
  readonly line: number;
  readonly column: number;
}

/** `sources[1].kind` for messages. */
export function pathText(path: FormPath): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? part : `.${part}`;
  }
  return out === '' ? '(form)' : out;
}

/** Parse an ajv instancePath (`/sources/1/kind`) into a path. */
export function fromPointer(pointer: string): FormPath {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((p) => (/^[0-9]+$/.test(p) ? Number(p) : p));
}

/**
 * Where a path is in the document: the value node when it exists, the key when `atKey`, or the
 * closest existing ancestor (a missing field points at its parent object).
 */
export function positionOf(
  doc: Document,
  counter: LineCounter,
  path: FormPath,
  atKey = false,
): Position | undefined {
  let node: unknown = doc.contents;
  let best: Node | undefined = isNode(node) ? node : undefined;
  for (let i = 0; i < path.length; i++) {
    const part = path[i];
    if (isMap(node)) {
      const pair = node.items.find(
        (p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(part),
      );
      if (pair === undefined) break;
      if (atKey && i === path.length - 1 && isNode(pair.key)) {
        best = pair.key;
        break;
      }
      node = pair.value;
    } else if (isSeq(node) && typeof part === 'number') {
      node = node.items[part];
    } else {
      break;
    }
    if (isNode(node)) best = node;
    else break;
  }
  const offset = best?.range?.[0];
  if (offset === undefined) return undefined;
  const pos = counter.linePos(offset);
  return { line: pos.line, column: pos.col };
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && 'range' in value;
}
