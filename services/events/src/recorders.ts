import type { EventRecorder } from '@traiettorie/command-handling';
import { socialServicesRecorders } from './interim/social-services.recorders.js';

/**
 * Every event type an agency may publish (POST /events, inbound topics), with
 * the owning service's recorder: the one place the events service learns them.
 * Each service exports its own (`@traiettorie/<service>/recorders`); until
 * they are merged, the social services' come from an interim module.
 */
export const recorders: readonly EventRecorder[] = [...socialServicesRecorders];

/** The recorder of each type; a type with none cannot be published (yet). */
export function recordersByType(list: readonly EventRecorder[] = recorders): ReadonlyMap<string, EventRecorder> {
  const byType = new Map<string, EventRecorder>();
  for (const r of list) {
    if (byType.has(r.type)) throw new Error(`two recorders for ${r.type}`);
    byType.set(r.type, r);
  }
  return byType;
}
