/**
 * Binary-protocol date/time structs <-> StarRocks text ('YYYY-MM-DD', 'YYYY-MM-DD HH:MM:SS[.ffffff]',
 * '[-]HH:MM:SS[.ffffff]'). Values travel as text inside Rockling; only the binary protocol needs
 * the struct form.
 */

/** Parsed parts of a date or datetime text. */
export interface DateTimeParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly micro: number;
}

const DATETIME_RE =
  /^(\d{1,4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,9}))?)?)?$/;
const TIME_RE = /^(-)?(\d+):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,9}))?)?$/;

/** Micro-seconds from a fraction text: '5' → 500000, '123456789' → 123456 (truncated). */
function micros(frac: string | undefined): number {
  if (frac === undefined) return 0;
  return Number((frac + '000000').slice(0, 6));
}

/** Parse 'YYYY-MM-DD[ HH:MM[:SS[.f]]]'; null when the text is not a date. */
export function parseDateTime(text: string): DateTimeParts | null {
  const m = DATETIME_RE.exec(text);
  if (m === null) return null;
  return {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: Number(m[4] ?? 0),
    minute: Number(m[5] ?? 0),
    second: Number(m[6] ?? 0),
    micro: micros(m[7]),
  };
}

/** Parsed parts of a TIME text. */
export interface TimeParts {
  readonly negative: boolean;
  readonly days: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly micro: number;
}

/** Parse '[-]H+:MM[:SS[.f]]' (hours may exceed 24); null when not a time. */
export function parseTime(text: string): TimeParts | null {
  const m = TIME_RE.exec(text);
  if (m === null) return null;
  const hours = Number(m[2]);
  return {
    negative: m[1] === '-',
    days: Math.floor(hours / 24),
    hour: hours % 24,
    minute: Number(m[3]),
    second: Number(m[4] ?? 0),
    micro: micros(m[5]),
  };
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** 'YYYY-MM-DD'. */
export function formatDate(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** 'YYYY-MM-DD HH:MM:SS' plus '.ffffff' when micro-seconds are set. */
export function formatDateTime(p: DateTimeParts): string {
  const base = `${formatDate(p.year, p.month, p.day)} ${pad(p.hour, 2)}:${pad(p.minute, 2)}:${pad(p.second, 2)}`;
  return p.micro > 0 ? `${base}.${pad(p.micro, 6)}` : base;
}

/** '[-]HH:MM:SS' (days folded into hours) plus '.ffffff' when micro-seconds are set. */
export function formatTime(p: TimeParts): string {
  const hours = p.days * 24 + p.hour;
  const base = `${p.negative ? '-' : ''}${pad(hours, 2)}:${pad(p.minute, 2)}:${pad(p.second, 2)}`;
  return p.micro > 0 ? `${base}.${pad(p.micro, 6)}` : base;
}
