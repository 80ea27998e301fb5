// How an office and a district are named across every desk and the hub: the one answer both use, so
// events made on a desk name the same office the hub registered. What must stay true:
// - An office's id comes from its code alone (every desk of the okrug gives the same one); within a
//   district the code is unique, so (districtId, officeId) names one office anywhere.
// - Codes are stored without spaces, in capitals (kzl01 → KZL01).

/** The okrug code as it is stored and printed: no spaces, capital letters (kzl01 → KZL01). */
export function normalizeOfficeCode(code: string): string {
  return code.trim().toLocaleUpperCase('kk');
}

/** The district code as it is stored, which is also the district's id: akk → AKK. */
export function normalizeDistrictId(code: string): string {
  return code.trim().toLocaleUpperCase('kk');
}

/** The office id shared by every desk of the okrug, and by the hub. */
export function officeIdFor(code: string): string {
  return `office-${normalizeOfficeCode(code).toLocaleLowerCase('kk')}`;
}
