/**
 * The sectors the registry files companies and placements under, each with
 * the ATECO 2007 divisions (the first two digits of a company's ATECO code)
 * it covers and its label for operators, in Italian. A company's sector is
 * derived from its ATECO code; a placement names the sector of the work.
 */
export const sectors = {
  logistica: { label: 'Logistica e magazzino', atecoDivisions: ['49', '52', '53'], keywords: ['logistic', 'magazzin', 'carrell', 'spedizion'] },
  ristorazione: { label: 'Ristorazione', atecoDivisions: ['55', '56'], keywords: ['cucin', 'ristora', 'cuoc', 'sala', 'haccp'] },
  'pulizie-servizi': { label: 'Pulizie e servizi alle imprese', atecoDivisions: ['81', '82'], keywords: ['pulizi', 'sanificaz', 'portineri'] },
  'verde-ambiente': { label: 'Verde e ambiente', atecoDivisions: ['01', '02', '38', '39'], keywords: ['verde', 'giardin', 'rifiut', 'ambient'] },
  commercio: { label: 'Commercio al dettaglio', atecoDivisions: ['45', '46', '47'], keywords: ['vendit', 'commess', 'scaffal', 'cassier'] },
  manifattura: { label: 'Manifattura e meccanica', atecoDivisions: ['10', '13', '14', '22', '24', '25', '27', '28', '29', '31', '33'], keywords: ['meccanic', 'montagg', 'produzion', 'saldat'] },
  edilizia: { label: 'Edilizia', atecoDivisions: ['41', '42', '43'], keywords: ['ediliz', 'cantier', 'muratur'] },
  'cura-persona': { label: 'Cura della persona e servizi sociali', atecoDivisions: ['86', '87', '88', '96'], keywords: ['assistenz', 'cura', 'oss', 'asa'] },
  ufficio: { label: 'Ufficio e amministrazione', atecoDivisions: ['62', '63', '69', '70', '73', '74', '78', '84'], keywords: ['ufficio', 'segreteri', 'amministra', 'contabil', 'informatic'] },
} as const;

export type Sector = keyof typeof sectors;
export const sectorKeys = Object.keys(sectors) as [Sector, ...Sector[]];

/** The sector an ATECO code (e.g. `52.10.00`) falls in, or undefined when the registry files none under it. */
export function sectorOfAteco(atecoCode: string): Sector | undefined {
  const division = atecoCode.slice(0, 2);
  return sectorKeys.find((key) => (sectors[key].atecoDivisions as readonly string[]).includes(division));
}

/** The sectors a free text (a qualification's title) speaks of, by their keywords. */
export function sectorsIn(text: string): Sector[] {
  const lower = text.toLowerCase();
  return sectorKeys.filter((key) => sectors[key].keywords.some((keyword) => lower.includes(keyword)));
}
