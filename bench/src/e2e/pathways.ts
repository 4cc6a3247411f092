/**
 * One open-case + assessment pathway, as the bench drives and watches it.
 * Times are `performance.now()` milliseconds of this process.
 */
export interface Pathway {
  phase: string;
  index: number;
  /** When the open-case command was due (the open-loop schedule). */
  openPlanned: number;
  /** The same instant, wall-clock (epoch ms). */
  openPlannedWall: number;
  openSentAt?: number;
  openDoneAt?: number;
  /** HTTP status, or 0 for no answer. */
  openStatus?: number;
  caseId?: string;
  /** When the assessment was due: half a command interval after the open-case. */
  assessPlanned: number;
  /** When it could be sent: the later of its due time and the open-case's answer. */
  assessStart?: number;
  assessDoneAt?: number;
  assessStatus?: number;
  error?: string;
  /** First poll of the read-model table that showed each change. */
  seenOpen?: number;
  seenAssessed?: number;
  seenReferral?: number;
}

export const ok = (status: number | undefined) => status !== undefined && status >= 200 && status < 300;

/** Nothing more to wait for: every accepted command's changes (and the policy's referral) are seen, or a command failed. */
export function isComplete(p: Pathway): boolean {
  if (p.openStatus === undefined) return false;
  if (!ok(p.openStatus)) return true;
  if (p.seenOpen === undefined) return false;
  if (p.assessStatus === undefined) return false;
  if (!ok(p.assessStatus)) return true;
  return p.seenAssessed !== undefined && p.seenReferral !== undefined;
}

/** Changes that an accepted command should have brought to the read model and that were never seen. */
export function missingChanges(p: Pathway): { open: boolean; assessed: boolean; referral: boolean } {
  const opened = ok(p.openStatus);
  const assessed = opened && ok(p.assessStatus);
  return { open: opened && p.seenOpen === undefined, assessed: assessed && p.seenAssessed === undefined, referral: assessed && p.seenReferral === undefined };
}
