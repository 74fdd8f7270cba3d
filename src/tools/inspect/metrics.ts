/** Prometheus text exposition: fetch (FE :8030/metrics, BE :8040/metrics) and parse. */

/** One sample. */
export interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

/** All samples from one or more endpoints. */
export interface Metrics {
  readonly samples: readonly Sample[];
  readonly sources: readonly string[];
}

/** Parse Prometheus text format (comments skipped; `name{a="b", c="d"} value [ts]`). */
export function parseMetrics(text: string): Sample[] {
  const out: Sample[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line);
    if (m === null) continue;
    const labels: Record<string, string> = {};
    for (const lm of (m[2] ?? '').matchAll(/([a-zA-Z_]\w*)\s*=\s*"((?:[^"\\]|\\.)*)"/g)) {
      labels[lm[1] ?? ''] = (lm[2] ?? '').replace(/\\(.)/g, '$1');
    }
    const value = Number(m[3]);
    if (!Number.isNaN(value) || m[3] === 'NaN') out.push({ name: m[1] ?? '', labels, value });
  }
  return out;
}

/** Fetch and merge several endpoints; unreachable ones are listed in `failed`. */
export async function fetchMetrics(
  urls: readonly string[],
  timeoutMs = 3000,
): Promise<{ metrics: Metrics | undefined; failed: string[] }> {
  const samples: Sample[] = [];
  const sources: string[] = [];
  const failed: string[] = [];
  for (const url of urls) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      samples.push(...parseMetrics(await res.text()));
      sources.push(url);
    } catch (error) {
      failed.push(`${url} (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  return { metrics: sources.length === 0 ? undefined : { samples, sources }, failed };
}

/** Samples of one metric, optionally filtered by labels. */
export function select(
  m: Metrics | undefined,
  name: string,
  labels: Readonly<Record<string, string>> = {},
): Sample[] {
  if (m === undefined) return [];
  return m.samples.filter(
    (s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v),
  );
}
