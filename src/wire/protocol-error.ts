/**
 * The one failure the codec raises for bad input: a truncated, oversized or otherwise malformed
 * packet. Decoders never throw anything else for untrusted bytes (property-tested), so the
 * server can answer with ERR 1835 / 1153 and keep (or drop) the connection deliberately.
 */
export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';

  constructor(
    message: string,
    /** `malformed`: answer ERR 1835 and keep going; `too-large`: ERR 1153, then close. */
    readonly reason: 'malformed' | 'too-large' = 'malformed',
  ) {
    super(message);
  }
}
