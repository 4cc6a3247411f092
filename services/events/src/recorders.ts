import type { EventRecorder } from '@traiettorie/command-handling';
import { employmentCentreRecorders } from '@traiettorie/employment-centre/recorders';
import { healthServicesRecorders } from '@traiettorie/health-services/recorders';
import { programmeRecorders } from '@traiettorie/programme/recorders';
import { socialServicesRecorders } from '@traiettorie/social-services/recorders';
import { thirdSectorRecorders } from '@traiettorie/third-sector/recorders';

/**
 * Every event type an agency may publish (POST /events, inbound topics), with
 * the owning service's recorder: the one place the events service learns them.
 * Each agency's service exports its own (`@traiettorie/<service>/recorders`);
 * a new service's list is added here.
 */
export const recorders: readonly EventRecorder[] = [
  ...socialServicesRecorders,
  ...employmentCentreRecorders,
  ...healthServicesRecorders,
  ...thirdSectorRecorders,
  ...programmeRecorders,
];

/** The recorder of each type; a type with none cannot be published (yet). */
export function recordersByType(list: readonly EventRecorder[] = recorders): ReadonlyMap<string, EventRecorder> {
  const byType = new Map<string, EventRecorder>();
  for (const r of list) {
    if (byType.has(r.type)) throw new Error(`two recorders for ${r.type}`);
    byType.set(r.type, r);
  }
  return byType;
}
