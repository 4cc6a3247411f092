import { randomBytes } from 'node:crypto';

/** A name no other test uses: for topics, consumer groups, checkpoints. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(5).toString('hex')}`;
}
