/**
 * DuckDB temporal payloads (days since epoch, microseconds since epoch) to StarRocks text.
 * Hand-rolled civil-date arithmetic: this runs once per value of every DATE/DATETIME column, so it
 * avoids Date objects and string formatting helpers.
 */

const MICROS_PER_DAY = 86_400_000_000n;

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function pad4(n: number): string {
  if (n < 0) return `-${pad4(-n)}`;
  if (n >= 1000) return String(n);
  return String(n).padStart(4, '0');
}

/** Days since 1970-01-01 to `YYYY-MM-DD` (proleptic Gregorian; H. Hinnant's civil_from_days). */
export function formatDays(days: number): string {
  if (!Number.isFinite(days)) return days > 0 ? 'infinity' : '-infinity';
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${pad4(y)}-${pad2(m)}-${pad2(d)}`;
}

/** Microseconds within a day to `HH:MM:SS[.ffffff]` (fraction only when non-zero). */
export function formatTimeOfDay(micros: number): string {
  const secs = Math.floor(micros / 1_000_000);
  const frac = micros - secs * 1_000_000;
  const text = `${pad2(Math.floor(secs / 3600))}:${pad2(Math.floor(secs / 60) % 60)}:${pad2(secs % 60)}`;
  return frac === 0 ? text : `${text}.${String(frac).padStart(6, '0')}`;
}

/** Microseconds since epoch to `YYYY-MM-DD HH:MM:SS[.ffffff]` (StarRocks omits a zero fraction). */
export function formatMicros(micros: bigint): string {
  // Most timestamps fit a double exactly (|µs| < 2^53 ≈ year 2255); fall back to bigint beyond.
  if (micros > -9_007_199_254_740_991n && micros < 9_007_199_254_740_991n) {
    const n = Number(micros);
    const days = Math.floor(n / 86_400_000_000);
    return `${formatDays(days)} ${formatTimeOfDay(n - days * 86_400_000_000)}`;
  }
  let days = micros / MICROS_PER_DAY;
  let rest = micros % MICROS_PER_DAY;
  if (rest < 0n) {
    days -= 1n;
    rest += MICROS_PER_DAY;
  }
  return `${formatDays(Number(days))} ${formatTimeOfDay(Number(rest))}`;
}

/** DuckDB TIME (microseconds, may exceed a day only for intervals) to `HH:MM:SS[.ffffff]`. */
export function formatTime(micros: bigint): string {
  const n = Number(micros);
  if (n < 0) return `-${formatTime(-micros)}`;
  const secs = Math.floor(n / 1_000_000);
  const frac = n - secs * 1_000_000;
  const hours = Math.floor(secs / 3600);
  const text = `${hours < 10 ? `0${hours}` : hours}:${pad2(Math.floor(secs / 60) % 60)}:${pad2(secs % 60)}`;
  return frac === 0 ? text : `${text}.${String(frac).padStart(6, '0')}`;
}
