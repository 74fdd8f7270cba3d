/**
 * How the upstream runner (Python + PyMySQL) turns values into text: Python's float repr,
 * datetime/timedelta str(), bytes repr and the repr of error tuples. Expected results in R files
 * were recorded this way, so a TypeScript runner must reproduce it exactly.
 */

/** Python `repr(float)`: shortest round-trip digits; exponent form below 1e-4 and from 1e16. */
export function pythonFloat(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const sign = x < 0 ? '-' : '';
  const [mantissa = '', expText = '0'] = Math.abs(x).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const exp = Number(expText);
  if (exp < -4 || exp >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
  const frac = digits.slice(exp + 1);
  return `${sign}${intPart}.${frac === '' ? '0' : frac}`;
}

/** Python `repr(str)`: single quotes unless the text has `'` and no `"`. */
export function pythonStrRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += `\\${quote}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return out + quote;
}

/** Python `repr(bytes)`: b'...' with \xNN escapes for non-printable bytes. */
export function pythonBytesRepr(b: Uint8Array): string {
  const hasSingle = b.includes(0x27);
  const hasDouble = b.includes(0x22);
  const quote = hasSingle && !hasDouble ? '"' : "'";
  let out = `b${quote}`;
  for (const byte of b) {
    if (byte === 0x5c) out += '\\\\';
    else if (String.fromCharCode(byte) === quote) out += `\\${quote}`;
    else if (byte === 0x0a) out += '\\n';
    else if (byte === 0x0d) out += '\\r';
    else if (byte === 0x09) out += '\\t';
    else if (byte < 0x20 || byte >= 0x7f) out += `\\x${byte.toString(16).padStart(2, '0')}`;
    else out += String.fromCharCode(byte);
  }
  return out + quote;
}

/** `E: (errno, 'message')` as the runner renders a PyMySQL error. */
export function pythonErrorText(errno: number, message: string): string {
  return `E: (${errno}, ${pythonStrRepr(message)})`;
}

/** str(datetime): 'YYYY-MM-DD HH:MM:SS' plus '.ffffff' only when microseconds are non-zero. */
export function pythonDatetime(text: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?$/.exec(text);
  if (m === null) return text;
  const frac = (m[3] ?? '').padEnd(6, '0');
  return frac === '' || /^0+$/.test(frac) ? `${m[1]} ${m[2]}` : `${m[1]} ${m[2]}.${frac}`;
}

/** str(timedelta) for a MySQL TIME value such as '-01:02:03' or '25:00:00.5'. */
export function pythonTimedelta(text: string): string {
  const m = /^(-)?(\d+):(\d{2}):(\d{2})(?:\.(\d{1,6}))?$/.exec(text);
  if (m === null) return text;
  const micros = Number((m[5] ?? '').padEnd(6, '0') || '0');
  let total = (Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4])) * 1_000_000 + micros;
  if (m[1] === '-') total = -total;
  const dayMicros = 86_400_000_000;
  const days = Math.floor(total / dayMicros);
  const rest = total - days * dayMicros;
  const secs = Math.floor(rest / 1_000_000);
  const us = rest % 1_000_000;
  const hms = `${Math.floor(secs / 3600)}:${String(Math.floor(secs / 60) % 60).padStart(2, '0')}:${String(secs % 60).padStart(2, '0')}`;
  const frac = us === 0 ? '' : `.${String(us).padStart(6, '0')}`;
  const dayText = days === 0 ? '' : `${days} day${Math.abs(days) === 1 ? '' : 's'}, `;
  return `${dayText}${hms}${frac}`;
}
