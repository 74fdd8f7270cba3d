/** StarRocks' analysis error texts (FE `SemanticException` → "Getting analyzing error…", errno 1064). */
import { SqlError, type SourcePos } from '../errors/index.js';

/** `Getting analyzing error. Detail message: <message>.` (errno 1064). */
export function analysisError(message: string, pos?: SourcePos): SqlError {
  return new SqlError('analysis-error', { message }, pos);
}

/** StarRocks: `Column 'x' cannot be resolved` (errno 1064), with a near-name hint when one exists. */
export function unresolvedColumn(label: string, candidates: readonly string[], pos?: SourcePos): SqlError {
  const hint = nearest(label.split('.').pop() ?? label, candidates);
  const suffix = hint === null ? '' : `; did you mean '${hint}'?`;
  return analysisError(`Column '${label}' cannot be resolved${suffix}`, pos);
}

/** StarRocks: `Column 'x' is ambiguous` (errno 1064). */
export function ambiguousColumn(name: string, pos?: SourcePos): SqlError {
  return analysisError(`Column '${name}' is ambiguous`, pos);
}

/** The closest candidate by edit distance (at most a third of the name's length), if any. */
export function nearest(name: string, candidates: readonly string[]): string | null {
  const target = name.toLowerCase();
  let best: string | null = null;
  let bestDistance = Math.max(1, Math.floor(target.length / 3)) + 1;
  for (const c of candidates) {
    const d = editDistance(target, c.toLowerCase());
    if (d > 0 && d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return 99;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur.push(Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost));
    }
    prev = cur;
  }
  return prev[b.length]!;
}
