import { readdirSync, readFileSync } from 'node:fs';
import type pg from 'pg';

/** CPU seconds (user + system) so far of each process that belongs to the hub, by pid. */
export type CpuSample = Map<number, { part: string; seconds: number }>;

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

function readStat(pid: string): { pgrp: number; seconds: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start past the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { pgrp: Number(fields[2]), seconds: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND };
  } catch {
    return undefined;
  }
}

function partOf(pid: string): string {
  try {
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    const service = args.map((a) => /services\/([^/]+)\/dist\/main\.js$/.exec(a)?.[1]).find(Boolean);
    if (service) return service;
    if (args.includes('kafka.Kafka')) return 'kafka';
    if (args.some((a) => a.endsWith('start.mjs'))) return 'npm-start';
    return 'other';
  } catch {
    return 'other';
  }
}

/**
 * Reads /proc (Linux only; elsewhere an empty sample): the hub's processes by
 * their process group, and the PostgreSQL backends serving the bench database
 * (by pg_stat_activity) as `postgres`, and this process as `load-generator`.
 * Backends that ended between two samples take their CPU with them: the
 * services keep pooled connections, so that is small.
 */
export async function sampleCpu(hubGroup: number, pool: pg.Pool, database: string): Promise<CpuSample> {
  const sample: CpuSample = new Map();
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  } catch {
    return sample;
  }
  for (const pid of pids) {
    const stat = readStat(pid);
    if (stat && stat.pgrp === hubGroup) sample.set(Number(pid), { part: partOf(pid), seconds: stat.seconds });
  }
  const { rows } = await pool.query<{ pid: number }>(
    "SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() AND application_name NOT LIKE 'bench-e2e%'",
    [database],
  );
  for (const { pid } of rows) {
    const stat = readStat(String(pid));
    if (stat) sample.set(pid, { part: 'postgres', seconds: stat.seconds });
  }
  const own = process.cpuUsage();
  sample.set(process.pid, { part: 'load-generator', seconds: (own.user + own.system) / 1e6 });
  return sample;
}

/** CPU seconds used per part between two samples; a process absent from `before` (restarted, a new backend) counts from its start. */
export function cpuBetween(before: CpuSample, after: CpuSample): Record<string, number> {
  const used: Record<string, number> = {};
  for (const [pid, { part, seconds }] of after) used[part] = (used[part] ?? 0) + seconds - (before.get(pid)?.seconds ?? 0);
  for (const part of Object.keys(used)) used[part] = Math.round(used[part]! * 100) / 100;
  return used;
}
