import { ISLAND_AREAS, JEJU_SIGUNGU, SIDO_ALIASES } from '../data/address-areas.js';
import type { ShippingZone } from '../../domain/order-facts.js';

export interface AddressRegion {
  zone: ShippingZone;
  areaName: string | null;
}

const SIDO_BY_ALIAS: ReadonlyMap<string, string> = new Map(
  Object.entries(SIDO_ALIASES).flatMap(([sido, aliases]) => aliases.map((alias) => [alias, sido] as const)),
);

/**
 * Reads the zone from free address text, token by token (whitespace, commas and parentheses split
 * tokens, so `(무의동)` counts). An island entry matches when its 시군구 and one of its units appear
 * and the address names no other 시도; a recognised 시도 without an island unit is MAINLAND (or JEJU).
 * Returns null when nothing in the text is recognised.
 */
export function regionFromAddress(address: string): AddressRegion | null {
  const tokens = address.split(/[\s,()[\]]+/).filter((token) => token.length > 0);
  const present = new Set(tokens);
  const sido = tokens.map((token) => SIDO_BY_ALIAS.get(token)).find((found) => found !== undefined);

  for (const area of ISLAND_AREAS) {
    if (sido !== undefined && sido !== area.sido) continue;
    if (!area.sigungu.some((name) => present.has(name))) continue;
    if (area.units === 'entire' || area.units.some((unit) => present.has(unit))) {
      return { zone: area.zone, areaName: area.areaName };
    }
  }
  if (sido === '제주' || (sido === undefined && JEJU_SIGUNGU.some((name) => present.has(name)))) {
    return { zone: 'JEJU', areaName: '제주특별자치도' };
  }
  return sido === undefined ? null : { zone: 'MAINLAND', areaName: null };
}
