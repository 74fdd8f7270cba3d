/** Log levels, most severe first. */
export const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** A one-line logger: `2026-11-21T16:40:00.123Z INFO  mysql: listening on 127.0.0.1:9030 conn=3`. */
export interface Logger {
  readonly level: LogLevel;
  error(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  debug(message: string, fields?: LogFields): void;
  enabled(level: LogLevel): boolean;
  /** A logger whose lines carry `component` as a prefix. */
  child(component: string): Logger;
}

export type LogFields = Readonly<Record<string, string | number | boolean | null | undefined>>;

export function isLogLevel(s: string): s is LogLevel {
  return (LOG_LEVELS as readonly string[]).includes(s);
}

/** Newlines inside messages (SQL, stacks) are escaped so one event stays one line. */
function oneLine(s: string): string {
  return s.replace(/\r?\n/g, '\\n');
}

function formatFields(fields: LogFields | undefined): string {
  if (fields === undefined) return '';
  let out = '';
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined) continue;
    const text = String(v);
    out += ` ${k}=${/[\s"=]/.test(text) ? JSON.stringify(text) : text}`;
  }
  return out;
}

/** Logger writing to a sink (stderr by default); lines below `level` are dropped cheaply. */
export function createLogger(
  level: LogLevel = 'info',
  sink: (line: string) => void = (line) => process.stderr.write(line),
  component = '',
): Logger {
  const rank = LOG_LEVELS.indexOf(level);
  const emit = (l: LogLevel, message: string, fields?: LogFields): void => {
    if (LOG_LEVELS.indexOf(l) > rank) return;
    const prefix = component === '' ? '' : `${component}: `;
    sink(
      `${new Date().toISOString()} ${l.toUpperCase().padEnd(5)} ${prefix}${oneLine(message)}${oneLine(formatFields(fields))}\n`,
    );
  };
  return {
    level,
    error: (m, f) => emit('error', m, f),
    warn: (m, f) => emit('warn', m, f),
    info: (m, f) => emit('info', m, f),
    debug: (m, f) => emit('debug', m, f),
    enabled: (l) => LOG_LEVELS.indexOf(l) <= rank,
    child: (c) => createLogger(level, sink, component === '' ? c : `${component}.${c}`),
  };
}
