/** Thrown for programmer errors (broken invariants), never for bad user input. */
export class InternalError extends Error {
  override readonly name = 'InternalError';
}

/** Assert an invariant; a failure is a bug in Rockling, reported as errno 1105. */
export function assert(condition: unknown, why: string): asserts condition {
  if (!condition) throw new InternalError(`assertion failed: ${why}`);
}

/** Exhaustiveness check for `switch` over a `kind` union. */
export function assertNever(value: never, what = 'value'): never {
  throw new InternalError(`unexpected ${what}: ${JSON.stringify(value)}`);
}
