/** Parsing and printing of durations, rates and counts for the tools' flags and reports. */
import { ToolError } from './errors.js';

const DURATION_UNITS: Readonly<Record<string, number>> = {
  us: 0.001,
  µs: 0.001,
  ms: 1,
  s: 1000,
  sec: 1000,
  m: 60_000,
  min: 60_000,
  h: 3_600_000,
};

/** '200ms', '1.5s', '10m', '2h' or a bare number (in `bareUnit`, default seconds) → milliseconds. */
export function parseDuration(text: string, bareUnit: 'ms' | 's' = 's'): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-zµ]*)\s*$/i.exec(text);
  const unit = m?.[2]?.toLowerCase() === '' ? bareUnit : m?.[2]?.toLowerCase();
  const factor = unit === undefined ? undefined : DURATION_UNITS[unit];
  if (m === null || factor === undefined)
    throw new ToolError(`not a duration: '${text}' (e.g. 200ms, 60s, 5m)`);
  return Number(m[1]) * factor;
}

/** A positive number flag, with a readable error. */
export function parsePositive(name: string, text: string, integer = false): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    throw new ToolError(`--${name} must be a positive ${integer ? 'integer' : 'number'}, got '${text}'`);
  }
  return value;
}

/** Milliseconds for humans: 0.42ms, 12.3ms, 1.25s, 2m05s. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  if (ms < 1) return `${Math.round(ms * 1000)}µs`;
  if (ms < 100) return `${ms.toFixed(1)}ms`;
  if (ms < 10_000) return ms < 1000 ? `${ms.toFixed(0)}ms` : `${(ms / 1000).toFixed(2)}s`;
  if (ms < 120_000) return `${(ms / 1000).toFixed(1)}s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}

/** Bytes for humans: 512B, 1.5KiB, 20.0MiB. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return i === 0 ? `${v}B` : `${v.toFixed(1)}${units[i] ?? ''}`;
}

/** 1234567 → '1,234,567'. */
export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}
