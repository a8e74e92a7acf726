import { ZIP_ZONES } from '../data/zip-zones.js';
import type { ShippingZone } from '../../domain/order-facts.js';
import { regionFromAddress } from './region-from-address.js';
import type { RegionOverride } from './region-override.js';

export interface ShippingRegion {
  zone: ShippingZone;
  areaName: string | null;
  /** What decided: a merchant override range, the zip table, the address text, or nothing (default). */
  source: 'override' | 'zip' | 'address' | 'default';
}

const WELL_FORMED_ZIP = /^\d{5}$/;

/** The narrowest range containing `zip`, so 우도/추자 win over Jeju as a whole. */
function narrowest<R extends { from: number; to: number }>(ranges: readonly R[], zip: number): R | undefined {
  let best: R | undefined;
  for (const range of ranges) {
    if (zip < range.from || zip > range.to) continue;
    if (best === undefined || range.to - range.from < best.to - best.from) best = range;
  }
  return best;
}

/**
 * Shipping zone of a Korean receiver. A well-formed 5-digit zip decides alone: merchant override
 * ranges first, then the default table (ZIP_ZONES), else MAINLAND. Only when the zip is missing or
 * malformed is the address text read (시도/시군구/읍면 names); when that recognises nothing the
 * result is MAINLAND with source `default`.
 */
export function resolveShippingRegion(
  receiver: { zip: string | null; address: string | null },
  overrides: readonly RegionOverride[] = [],
): ShippingRegion {
  const zipText = receiver.zip?.trim() ?? '';
  if (WELL_FORMED_ZIP.test(zipText)) {
    const zip = Number(zipText);
    const override = narrowest(
      overrides.map((range) => ({ ...range, from: Number(range.from), to: Number(range.to) })),
      zip,
    );
    if (override) return { zone: override.zone, areaName: override.areaName, source: 'override' };
    const row = narrowest(ZIP_ZONES, zip);
    if (row) return { zone: row.zone, areaName: row.areaName, source: 'zip' };
    return { zone: 'MAINLAND', areaName: null, source: 'zip' };
  }
  const fromAddress = receiver.address ? regionFromAddress(receiver.address) : null;
  if (fromAddress) return { ...fromAddress, source: 'address' };
  return { zone: 'MAINLAND', areaName: null, source: 'default' };
}
