/**
 * Session time zone handling. StarRocks DATETIME values are zone-less; NOW(), FROM_UNIXTIME and
 * UNIX_TIMESTAMP interpret them in the session `time_zone` (default Asia/Shanghai). DuckDB's ICU
 * knows IANA names but not `+08:00` offsets, so offsets are applied as interval arithmetic.
 */
import type { EmitCall } from '../function-emitter.js';

/** StarRocks' default `time_zone`. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** A parsed `time_zone` value: an IANA name or a fixed offset in minutes. */
export type Zone =
  { readonly kind: 'name'; readonly name: string } | { readonly kind: 'offset'; readonly minutes: number };

/** Parse a StarRocks time zone value (`Asia/Shanghai`, `+08:00`, `-6:00`, `UTC`, `CST`). */
export function parseZone(text: string): Zone {
  const t = text.trim();
  const m = /^([+-])(\d{1,2}):(\d{2})$/.exec(t);
  if (m !== null) {
    const minutes = Number(m[2]) * 60 + Number(m[3]);
    return { kind: 'offset', minutes: m[1] === '-' ? -minutes : minutes };
  }
  // StarRocks maps the CST abbreviation to Asia/Shanghai.
  if (t.toUpperCase() === 'CST') return { kind: 'name', name: DEFAULT_TIME_ZONE };
  return { kind: 'name', name: t };
}

/** The session zone of a call. */
export function sessionZone(c: EmitCall): Zone {
  return parseZone(c.session?.timeZone ?? DEFAULT_TIME_ZONE);
}

/** A TIMESTAMPTZ fragment as a local TIMESTAMP in `zone`. */
export function toLocal(tstz: string, zone: Zone, literal: (s: string) => string): string {
  if (zone.kind === 'name') return `timezone(${literal(zone.name)}, ${tstz})`;
  return `(timezone('UTC', ${tstz}) + to_minutes(${zone.minutes}))`;
}

/** A local TIMESTAMP fragment in `zone` as a TIMESTAMPTZ instant. */
export function fromLocal(ts: string, zone: Zone, literal: (s: string) => string): string {
  if (zone.kind === 'name') return `timezone(${literal(zone.name)}, CAST(${ts} AS TIMESTAMP))`;
  return `timezone('UTC', CAST(${ts} AS TIMESTAMP) - to_minutes(${zone.minutes}))`;
}

/** The statement's current instant (constant within a statement, like StarRocks' NOW()). */
export const CURRENT_INSTANT = 'get_current_timestamp()';
