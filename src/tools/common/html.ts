/** Self-contained HTML pages for tool reports: inline CSS, no scripts, no external assets. */

/** Escape text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2330;margin:24px auto;max-width:1100px;padding:0 16px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #dde2ea;padding-bottom:4px}
.sub{color:#5b6475;margin-bottom:16px}
table{border-collapse:collapse;margin:8px 0}th,td{padding:4px 10px;border-bottom:1px solid #e6e9ef;text-align:right}
th:first-child,td:first-child{text-align:left}th{background:#f4f6f9;font-weight:600}
.pass{color:#137333;font-weight:700}.fail{color:#b3261e;font-weight:700}.warn{color:#a15c00;font-weight:700}.na{color:#6b7280}
.verdict{display:inline-block;padding:6px 14px;border-radius:6px;font-size:18px;font-weight:700;margin:8px 0}
.verdict.pass{background:#e6f4ea}.verdict.fail{background:#fce8e6}
figure{margin:12px 0}figcaption{color:#5b6475;font-size:12px}
code{background:#f4f6f9;padding:1px 4px;border-radius:3px}
`;

/** A complete HTML document around `body` (already-escaped HTML). */
export function htmlPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>${STYLE}</style></head>
<body>
${body}
</body></html>
`;
}

/** An HTML table from a header row and data rows (cells are escaped). */
export function htmlTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const head = `<tr>${header.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr>`;
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('\n');
  return `<table>\n${head}\n${body}\n</table>`;
}
