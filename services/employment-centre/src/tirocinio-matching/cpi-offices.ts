/**
 * The CPI offices the matching knows the Comune of: a person's CPI of
 * reference (the DID's `cpiId`) is the one of where they live, so a
 * placement in its Comune is the nearest kind.
 */
export const cpiOffices: Readonly<Record<string, { comune: string; ambito: string }>> = {
  'afol-cpi-sesto-san-giovanni': { comune: 'Sesto San Giovanni', ambito: 'LOM-SESTO-SAN-GIOVANNI' },
  'afol-cpi-cologno-monzese': { comune: 'Cologno Monzese', ambito: 'LOM-SESTO-SAN-GIOVANNI' },
  'afol-cpi-melzo': { comune: 'Melzo', ambito: 'LOM-ADDA-MARTESANA' },
  'afol-cpi-pioltello': { comune: 'Pioltello', ambito: 'LOM-ADDA-MARTESANA' },
  'afol-cpi-cernusco-sul-naviglio': { comune: 'Cernusco sul Naviglio', ambito: 'LOM-ADDA-MARTESANA' },
};
