/**
 * `rockling onboard status`: the four stages of each business with their checklist items, from
 * the bookkeeping events (apply writes stages 1–3/4; validate and loadtest write stages 3–4).
 */
import { CHECKLIST, type Stage, type StoredEvent } from '../bookkeeping.js';

export type ItemState = 'done' | 'failed' | 'pending';

export interface ItemStatus {
  readonly id: string;
  readonly title: string;
  readonly state: ItemState;
  /** Events (latest per item) that count for it. */
  readonly ok: number;
  readonly failed: number;
  readonly lastDetail: string;
}

export interface StageStatus {
  readonly stage: Stage;
  readonly title: string;
  readonly items: readonly ItemStatus[];
  readonly done: boolean;
}

export interface BusinessStatus {
  readonly business: string;
  readonly stages: readonly StageStatus[];
  /** The first stage not done (5 when all are). */
  readonly current: number;
}

/** Fold events (oldest first) into per-business stage status. */
export function summarise(events: readonly StoredEvent[]): BusinessStatus[] {
  const byBusiness = new Map<string, StoredEvent[]>();
  for (const e of events) byBusiness.set(e.business, [...(byBusiness.get(e.business) ?? []), e]);
  return [...byBusiness.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([business, list]) => {
      const latest = new Map<string, StoredEvent>();
      for (const e of list) latest.set(`${e.stage}|${e.item}`, e);
      const stages = ([1, 2, 3, 4] as const).map((stage): StageStatus => {
        const items = CHECKLIST[stage].items.map((entry): ItemStatus => {
          const matching = [...latest.values()].filter(
            (e) => e.stage === stage && (e.item === entry.id || e.item.startsWith(`${entry.id}:`)),
          );
          const failed = matching.filter((e) => e.status === 'failed');
          const ok = matching.filter((e) => e.status !== 'failed');
          const state: ItemState = failed.length > 0 ? 'failed' : ok.length > 0 ? 'done' : 'pending';
          const last = [...matching].sort((a, b) => a.recordedAt.getTime() - b.recordedAt.getTime()).pop();
          return {
            id: entry.id,
            title: entry.title,
            state,
            ok: ok.length,
            failed: failed.length,
            lastDetail: (failed[0] ?? last)?.detail.split('\n')[0] ?? '',
          };
        });
        return { stage, title: CHECKLIST[stage].title, items, done: items.every((i) => i.state === 'done') };
      });
      const current = stages.find((s) => !s.done)?.stage ?? 5;
      return { business, stages, current };
    });
}

const MARK: Readonly<Record<ItemState, string>> = { done: '[x]', failed: '[!]', pending: '[ ]' };

/** Plain-text report. */
export function formatStatus(list: readonly BusinessStatus[]): string {
  if (list.length === 0) return 'no onboarding events recorded yet\n';
  const out: string[] = [];
  for (const b of list) {
    out.push(
      `${b.business}: ${b.current > 4 ? 'all four stages done' : `in stage ${b.current} (${CHECKLIST[b.current as Stage].title})`}`,
    );
    for (const s of b.stages) {
      out.push(`  stage ${s.stage} ${s.title}${s.done ? ' — done' : ''}`);
      for (const i of s.items) {
        const counts =
          i.ok + i.failed > 1 ? ` (${i.ok} ok${i.failed > 0 ? `, ${i.failed} failed` : ''})` : '';
        const detail = i.state === 'failed' ? ` — ${i.lastDetail}` : '';
        out.push(`    ${MARK[i.state]} ${i.id}: ${i.title}${counts}${detail}`);
      }
    }
  }
  return `${out.join('\n')}\n`;
}
