/**
 * Node items (ONBOARDING.md §3.3): liveness (I0 generic, I1 FE, I2 BE), BE balance (I3),
 * tablet health (I4), disk and memory (I6), connection headroom (generic).
 */
import {
  col,
  fromError,
  notStarRocks,
  percent,
  queryRows,
  truthy,
  worst,
  type Check,
  type Status,
} from './model.js';

const liveness: Check = {
  id: 'I0',
  title: 'server answers queries',
  async run(ctx) {
    const t = Date.now();
    await queryRows(ctx, 'SELECT 1');
    return { status: 'OK', detail: `${ctx.server}; SELECT 1 in ${Date.now() - t} ms` };
  },
};

const frontends: Check = {
  id: 'I1',
  title: 'FE health (SHOW FRONTENDS)',
  async run(ctx) {
    const na = notStarRocks(ctx, 'frontends');
    if (na !== undefined) return na;
    let rows;
    try {
      rows = await queryRows(ctx, 'SHOW FRONTENDS');
    } catch (e) {
      return fromError(e, 'SHOW FRONTENDS');
    }
    if (rows.length === 0) return { status: 'FAIL', detail: 'no frontends listed' };
    const dead = rows.filter(
      (r) => !truthy(col(r, 'Alive')) || (col(r, 'Join') !== undefined && !truthy(col(r, 'Join'))),
    );
    const leaders = rows.filter(
      (r) => truthy(col(r, 'IsMaster')) || String(col(r, 'Role') ?? '').toUpperCase() === 'LEADER',
    );
    const status: Status = dead.length > 0 || leaders.length !== 1 ? 'FAIL' : 'OK';
    return {
      status,
      detail: `${rows.length} FE, ${rows.length - dead.length} alive, ${leaders.length} leader`,
    };
  },
};

async function backends(ctx: Parameters<Check['run']>[0]): Promise<Record<string, unknown>[]> {
  return queryRows(ctx, 'SHOW BACKENDS');
}

const backendAlive: Check = {
  id: 'I2',
  title: 'BE health (SHOW BACKENDS)',
  async run(ctx) {
    const na = notStarRocks(ctx, 'backends');
    if (na !== undefined) return na;
    try {
      const rows = await backends(ctx);
      if (rows.length === 0) return { status: 'FAIL', detail: 'no backends' };
      const dead = rows.filter((r) => !truthy(col(r, 'Alive')));
      return {
        status: dead.length > 0 ? 'FAIL' : 'OK',
        detail: `${rows.length} BE, ${rows.length - dead.length} alive${dead.length > 0 ? `; dead: ${dead.map((r) => String(col(r, 'IP', 'Host'))).join(', ')}` : ''}`,
      };
    } catch (e) {
      return fromError(e, 'SHOW BACKENDS');
    }
  },
};

const balance: Check = {
  id: 'I3',
  title: 'BE tablet balance (spread ≤ 20 %)',
  async run(ctx) {
    const na = notStarRocks(ctx, 'tablet balance');
    if (na !== undefined) return na;
    try {
      const counts = (await backends(ctx)).map((r) => Number(col(r, 'TabletNum') ?? 0));
      if (counts.length < 2) return { status: 'N/A', detail: `${counts.length} BE: nothing to balance` };
      const max = Math.max(...counts);
      const min = Math.min(...counts);
      const spread = max === 0 ? 0 : (max - min) / max;
      return {
        status: spread > 0.2 ? 'WARN' : 'OK',
        detail: `tablets per BE ${min}…${max} (spread ${(spread * 100).toFixed(1)} %)`,
      };
    } catch (e) {
      return fromError(e, 'SHOW BACKENDS');
    }
  },
};

const tablets: Check = {
  id: 'I4',
  title: 'tablet health (unhealthy / inconsistent = 0)',
  async run(ctx) {
    const na = notStarRocks(ctx, 'tablet health');
    if (na !== undefined) return na;
    try {
      const rows = await queryRows(ctx, "SHOW PROC '/statistic'");
      const total = rows.find((r) => String(col(r, 'DbId')) === 'Total') ?? rows[rows.length - 1] ?? {};
      const unhealthy = Number(col(total, 'UnhealthyTabletNum') ?? 0);
      const inconsistent = Number(col(total, 'InconsistentTabletNum') ?? 0);
      const tabletsTotal = Number(col(total, 'TabletNum') ?? 0);
      return {
        status: unhealthy + inconsistent > 0 ? 'FAIL' : 'OK',
        detail: `${tabletsTotal} tablets, ${unhealthy} unhealthy, ${inconsistent} inconsistent`,
      };
    } catch (e) {
      return fromError(e, "SHOW PROC '/statistic'");
    }
  },
};

const diskMemory: Check = {
  id: 'I6',
  title: 'disk and memory use per BE (warn 80 %, fail 90 %)',
  async run(ctx) {
    const na = notStarRocks(ctx, 'disk/memory per node');
    if (na !== undefined)
      return { ...na, detail: `${na.detail}; host disk and memory are not visible over SQL` };
    try {
      const rows = await backends(ctx);
      const statuses: Status[] = [];
      const parts = rows.map((r) => {
        const disk = percent(col(r, 'MaxDiskUsedPct', 'UsedPct'));
        const mem = percent(col(r, 'MemUsedPct'));
        const worstPct = Math.max(Number.isFinite(disk) ? disk : 0, Number.isFinite(mem) ? mem : 0);
        statuses.push(worstPct >= 90 ? 'FAIL' : worstPct >= 80 ? 'WARN' : 'OK');
        return `${String(col(r, 'IP', 'Host'))}: disk ${Number.isFinite(disk) ? disk : '?'} %, mem ${Number.isFinite(mem) ? mem : '?'} %`;
      });
      return {
        status: rows.length === 0 ? 'N/A' : worst(statuses),
        detail: parts.join('; ') || 'no backends',
      };
    } catch (e) {
      return fromError(e, 'SHOW BACKENDS');
    }
  },
};

const connections: Check = {
  id: 'C1',
  title: 'connection headroom (warn 80 % of max_connections)',
  async run(ctx) {
    if (ctx.dialect === 'starrocks') {
      return {
        status: 'N/A',
        detail: 'StarRocks limits connections per user (max_user_connections); see I15 and /metrics',
      };
    }
    try {
      const [status] = await queryRows(ctx, "SHOW GLOBAL STATUS LIKE 'Threads_connected'");
      const [limit] = await queryRows(ctx, "SHOW GLOBAL VARIABLES LIKE 'max_connections'");
      const used = Number(col(status ?? {}, 'Value'));
      const max = Number(col(limit ?? {}, 'Value'));
      const share = max > 0 ? used / max : 0;
      return {
        status: share >= 0.95 ? 'FAIL' : share >= 0.8 ? 'WARN' : 'OK',
        detail: `${used} of ${max} connections in use`,
      };
    } catch (e) {
      return fromError(e, 'connection status');
    }
  },
};

/** Node-level checks in report order. */
export const NODE_CHECKS: readonly Check[] = [
  liveness,
  frontends,
  backendAlive,
  balance,
  tablets,
  diskMemory,
  connections,
];
