/**
 * plan.html: PLAN.md rendered to HTML plus three inline SVG charts (no external assets):
 * storage growth over the retention window, partition/tablet sizes per table against the
 * 1–3 GB tablet band, and disk capacity headroom.
 */
import type { Plan } from '../design/index.js';
import { formatBytes } from '../form/units.js';
import { renderPlanMd } from './markdown.js';

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function inline(text: string): string {
  return esc(text)
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>');
}

/** The markdown subset PLAN.md uses: headings, paragraphs, lists, pipe tables. */
export function markdownToHtml(md: string): string {
  const out: string[] = [];
  const lines = md.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const h = /^(#{1,3}) (.*)$/.exec(line);
    if (h !== null) {
      out.push(`<h${h[1]?.length ?? 1}>${inline(h[2] ?? '')}</h${h[1]?.length ?? 1}>`);
    } else if (line.startsWith('| ')) {
      const rows: string[][] = [];
      while ((lines[i] ?? '').startsWith('| ')) {
        const cells = (lines[i] ?? '')
          .slice(2, -2)
          .split(/(?<!\\) \| /)
          .map((c) => c.replace(/\\\|/g, '|'));
        if (!cells.every((c) => c === '---')) rows.push(cells);
        i++;
      }
      i--;
      const [head, ...body] = rows;
      out.push(
        `<table><thead><tr>${(head ?? []).map((c) => `<th>${inline(c)}</th>`).join('')}</tr></thead><tbody>`,
      );
      for (const r of body) out.push(`<tr>${r.map((c) => `<td>${inline(c)}</td>`).join('')}</tr>`);
      out.push('</tbody></table>');
    } else if (/^(- |[0-9]+\. )/.test(line)) {
      const ordered = /^[0-9]/.test(line);
      out.push(ordered ? '<ol>' : '<ul>');
      while (/^(- |[0-9]+\. )/.test(lines[i] ?? '')) {
        out.push(`<li>${inline((lines[i] ?? '').replace(/^(- |[0-9]+\. )/, ''))}</li>`);
        i++;
      }
      i--;
      out.push(ordered ? '</ol>' : '</ul>');
    } else if (line.trim() !== '') {
      out.push(`<p>${inline(line)}</p>`);
    }
  }
  return out.join('\n');
}

const W = 560;
const H = 260;
const PAD = { l: 70, r: 20, t: 30, b: 40 };

function axes(title: string, yMax: number, yFmt: (v: number) => string): string {
  const ticks: string[] = [];
  for (let i = 0; i <= 4; i++) {
    const v = (yMax * i) / 4;
    const y = H - PAD.b - ((H - PAD.t - PAD.b) * i) / 4;
    ticks.push(
      `<line x1="${PAD.l}" x2="${W - PAD.r}" y1="${y}" y2="${y}" stroke="#e3e3e3"/><text x="${PAD.l - 6}" y="${y + 4}" text-anchor="end">${esc(yFmt(v))}</text>`,
    );
  }
  return `<text x="${W / 2}" y="18" text-anchor="middle" font-weight="bold">${esc(title)}</text>${ticks.join('')}<line x1="${PAD.l}" x2="${PAD.l}" y1="${PAD.t}" y2="${H - PAD.b}" stroke="#888"/>`;
}

function svg(body: string, label: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${esc(label)}" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11">${body}</svg>`;
}

/** Stored bytes (single replica and provisioned physical) month by month. */
export function growthChart(plan: Plan): string {
  const g = plan.assessment.volume.growth;
  const factor = plan.form.cluster.replication * 1.3;
  const max = Math.max(
    1,
    ...g.map((v) => v * factor),
    plan.sizing.beCount * plan.form.cluster.diskPerBe * 0.7,
  );
  const x = (i: number): number => PAD.l + ((W - PAD.l - PAD.r) * i) / Math.max(1, g.length - 1);
  const y = (v: number): number => H - PAD.b - ((H - PAD.t - PAD.b) * v) / max;
  const line = (mult: number): string =>
    g.map((v, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(v * mult).toFixed(1)}`).join(' ');
  const cap = plan.sizing.beCount * plan.form.cluster.diskPerBe * 0.7;
  const step = Math.max(1, Math.ceil(g.length / 8));
  const labels = g
    .map((_, i) =>
      i % step === 0 ? `<text x="${x(i)}" y="${H - PAD.b + 14}" text-anchor="middle">m${i}</text>` : '',
    )
    .join('');
  const body =
    axes('Storage growth over the retention window', max, formatBytes) +
    `<path d="${line(1)}" fill="none" stroke="#2b6cb0" stroke-width="2"/>` +
    `<path d="${line(factor)}" fill="none" stroke="#c05621" stroke-width="2"/>` +
    `<line x1="${PAD.l}" x2="${W - PAD.r}" y1="${y(cap)}" y2="${y(cap)}" stroke="#2f855a" stroke-dasharray="5,4"/>` +
    `<text x="${W - PAD.r}" y="${y(cap) - 4}" text-anchor="end" fill="#2f855a">70 % of ${plan.sizing.beCount} BE disks</text>` +
    labels +
    `<text x="${PAD.l + 6}" y="${PAD.t + 12}" fill="#2b6cb0">single replica</text><text x="${PAD.l + 6}" y="${PAD.t + 26}" fill="#c05621">× ${plan.form.cluster.replication} replicas × 1.3</text>`;
  return svg(body, 'storage growth');
}

/** Partition and tablet size per table, with the 1–3 GB tablet band. */
export function sizeChart(plan: Plan): string {
  const GB = 2 ** 30;
  const rows = plan.tables.map((t) => ({ name: t.name, tablet: t.sizes.tabletBytes / GB }));
  const max = Math.max(4, ...rows.map((r) => r.tablet)) * 1.1;
  const bw = (W - PAD.l - PAD.r) / Math.max(1, rows.length);
  const y = (v: number): number => H - PAD.b - ((H - PAD.t - PAD.b) * v) / max;
  const band = `<rect x="${PAD.l}" y="${y(3)}" width="${W - PAD.l - PAD.r}" height="${y(1) - y(3)}" fill="#c6f6d5" opacity="0.6"/><text x="${W - PAD.r - 4}" y="${y(3) + 12}" text-anchor="end" fill="#2f855a">target 1–3 GB</text>`;
  const bars = rows
    .map((r, i) => {
      const x0 = PAD.l + i * bw + bw * 0.2;
      return `<rect x="${x0}" y="${y(r.tablet)}" width="${bw * 0.6}" height="${H - PAD.b - y(r.tablet)}" fill="#2b6cb0"/><text x="${x0 + bw * 0.3}" y="${H - PAD.b + 14}" text-anchor="middle">${esc(r.name)}</text><text x="${x0 + bw * 0.3}" y="${y(r.tablet) - 4}" text-anchor="middle">${esc(formatBytes(r.tablet * GB))}</text>`;
    })
    .join('');
  return svg(
    axes('Compressed tablet size per table', max, (v) => `${v.toFixed(1)} GB`) + band + bars,
    'tablet sizes',
  );
}

/** Disk capacity: data, replicas + overhead, and headroom up to the provisioned disks. */
export function capacityChart(plan: Plan): string {
  const s = plan.sizing;
  const total = s.beCount * plan.form.cluster.diskPerBe;
  const parts = [
    { label: 'data (1 replica)', value: s.singleReplicaBytes, color: '#2b6cb0' },
    { label: 'replicas + 30 % overhead', value: s.physicalBytes - s.singleReplicaBytes, color: '#c05621' },
    { label: 'headroom', value: Math.max(0, total - s.physicalBytes), color: '#c6f6d5' },
  ];
  const width = W - PAD.l - PAD.r;
  let x = PAD.l;
  const segs = parts
    .map((p, i) => {
      const w = (width * p.value) / Math.max(1, total);
      const seg =
        `<rect x="${x}" y="70" width="${w}" height="60" fill="${p.color}"/>` +
        `<rect x="${PAD.l}" y="${150 + i * 20}" width="12" height="12" fill="${p.color}" stroke="#999"/>` +
        `<text x="${PAD.l + 18}" y="${160 + i * 20}">${esc(`${p.label}: ${formatBytes(p.value)}`)}</text>`;
      x += w;
      return seg;
    })
    .join('');
  const used = Math.round((100 * s.physicalBytes) / Math.max(1, total));
  const body = `<text x="${W / 2}" y="18" text-anchor="middle" font-weight="bold">${esc(`Disk capacity of ${s.beCount} BEs × ${formatBytes(plan.form.cluster.diskPerBe)} = ${formatBytes(total)}`)}</text>${segs}<text x="${PAD.l}" y="60">${used} % used at the end of retention (target ≤ 70 %)</text>`;
  return svg(body, 'capacity headroom');
}

/** plan.html */
export function renderPlanHtml(plan: Plan): string {
  const css =
    'body{font-family:sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#1a202c}table{border-collapse:collapse;margin:0.5em 0 1.5em;font-size:13px}td,th{border:1px solid #cbd5e0;padding:4px 8px;text-align:left;vertical-align:top}th{background:#edf2f7}code{background:#f7fafc;padding:0 3px}.charts{display:flex;flex-wrap:wrap;gap:16px}.charts svg{border:1px solid #e2e8f0;background:#fff}';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(`Onboarding plan: ${plan.form.title}`)}</title><style>${css}</style></head>
<body>
<div class="charts">
${growthChart(plan)}
${sizeChart(plan)}
${capacityChart(plan)}
</div>
${markdownToHtml(renderPlanMd(plan))}
</body></html>
`;
}
