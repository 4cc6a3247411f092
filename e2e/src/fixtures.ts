/** Request bodies of one pathway, as an operator would send them. */
export const openCase = {
  ambito: 'LOM-SESTO-SAN-GIOVANNI',
  personRef: 'P-SSG-7f3a91',
  householdRef: 'H-SSG-2026-0042',
  measure: 'ADI',
  referralDate: '2026-10-02',
  caseManager: 'op-sesto-017',
};
export const assessment = {
  assessmentKind: 'multidimensional',
  completedOn: '2026-10-20',
  dimensionScores: { work: 3, income: 3 },
  referrals: ['employment-centre'],
  documentRef: 'protocollo/2026/000871',
};
export const pact = {
  signedOn: '2026-11-03',
  boundMembers: ['P-SSG-7f3a91'],
  objectives: [{ code: 'EMP-1', description: 'Complete a tirocinio di inclusione' }],
  supports: ['tirocinio'],
  reviewDates: ['2027-02-01'],
  commitments: [{ memberRef: 'P-SSG-7f3a91', objectiveCode: 'EMP-1', description: 'Attend the tirocinio at least 20 hours a week' }],
};
