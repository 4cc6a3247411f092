/**
 * The legal deadlines of the pathway, declared once (DOMAIN.md, the measure's
 * guidelines): what opens each, what meets it, when it falls due. The deadline
 * watch (services/deadlines) applies them; `DeadlineMissed` names them.
 */
export const deadlineRuleIds = ['first-appointment', 'service-pact', 'periodic-check', 'pact-review'] as const;
export type DeadlineRuleId = (typeof deadlineRuleIds)[number];

export interface DeadlineRule {
  readonly id: DeadlineRuleId;
  /** In Italian, for operators. */
  readonly label: string;
  /** The source of the rule. */
  readonly basis: string;
  /** The event types that open a deadline of this rule, each with how its due date follows from the event's data. */
  readonly openedBy: readonly { readonly type: string; readonly due: DueDate }[];
  /** The event types that meet it (any of them, on the same case, after it opened). */
  readonly metBy: readonly string[];
}

/**
 * How a due date follows from the opening event's data: a date field as it
 * is, a number of days after a date field, or one deadline per date of a list.
 */
export type DueDate = { readonly field: string; readonly plusDays?: number } | { readonly eachOf: string };

/** Every deadline of a case also closes when the case does. */
export const closesEveryDeadline = 'CaseClosed';

export const deadlineRules: readonly DeadlineRule[] = [
  {
    id: 'first-appointment',
    label: 'Primo appuntamento entro il termine della misura',
    basis: 'DL 48/2023 art. 4: first appointment within 120 days of the PAD (the referral states the due date)',
    openedBy: [{ type: 'BeneficiaryReferralReceived', due: { field: 'firstAppointmentDueBy' } }],
    metBy: ['FirstAppointmentHeld'],
  },
  {
    id: 'service-pact',
    label: 'Patto di servizio personalizzato entro 60 giorni dall’invio al CPI',
    basis: 'DL 48/2023 art. 4: the CPI signs the PSP within 60 days of the referral',
    openedBy: [{ type: 'EmploymentReferralReceived', due: { field: 'servicePactDueBy' } }],
    metBy: ['ServicePactSigned'],
  },
  {
    id: 'periodic-check',
    label: 'Verifica periodica ogni 90 giorni',
    basis: 'DL 48/2023 art. 4: the beneficiary is seen every 90 days',
    openedBy: [
      { type: 'CaseTakenInCharge', due: { field: 'takenInChargeOn', plusDays: 90 } },
      { type: 'PeriodicCheckCompleted', due: { field: 'nextCheckDueBy' } },
    ],
    metBy: ['PeriodicCheckCompleted'],
  },
  {
    id: 'pact-review',
    label: 'Revisione del Patto alla data prevista',
    basis: "The PaIS's own review dates",
    openedBy: [
      { type: 'PactSigned', due: { eachOf: 'reviewDates' } },
      { type: 'PactRevised', due: { eachOf: 'reviewDates' } },
    ],
    metBy: ['PactRevised'],
  },
];

export function deadlineRuleOf(id: DeadlineRuleId): DeadlineRule {
  const rule = deadlineRules.find((r) => r.id === id);
  if (!rule) throw new Error(`no deadline rule ${id}`);
  return rule;
}
