/**
 * `--record BUSINESS` for loadtest (stage 3) and validate (stage 4): append the outcome to the
 * onboarding bookkeeping table on the target (the new system), through the stage 1–2 toolkit's
 * contract (`rockling_onboarding.events`, see tools/onboard/bookkeeping.ts).
 */
import { ensureBookkeeping, recordEvent, type Stage } from '../onboard/bookkeeping.js';
import { connect, serverInfo, type Target } from './target.js';

/** One outcome to record. */
export interface Outcome {
  readonly business: string;
  readonly stage: Stage;
  readonly item: string;
  readonly ok: boolean;
  readonly detail: string;
}

/** Create the bookkeeping table when missing and append the outcome. */
export async function recordOutcome(target: Target, outcome: Outcome): Promise<void> {
  const conn = await connect(target);
  try {
    const info = await serverInfo(conn);
    await ensureBookkeeping(conn, info.dialect);
    await recordEvent(conn, {
      business: outcome.business,
      stage: outcome.stage,
      item: outcome.item,
      status: outcome.ok ? 'ok' : 'failed',
      detail: outcome.detail,
    });
  } finally {
    await conn.end();
  }
}
