import { readFileSync } from 'node:fs';
import { Reader } from 'mmdb-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { MmdbReader } from './ip-country-database.js';
import { ipCountryDatabasePath, lookupIpCountry } from './ip-country.js';

/** A deterministic stream of bytes (xorshift32), so a failure names addresses that can be re-run. */
function bytesFrom(seed: number): () => number {
  let state = seed;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) & 0xff;
  };
}

const ipv4 = (bytes: number[]) => bytes.join('.');
const ipv6 = (bytes: number[]) =>
  Array.from({ length: 8 }, (_, i) => ((bytes[i * 2]! << 8) | bytes[i * 2 + 1]!).toString(16)).join(':');

describe('MmdbReader', () => {
  const path = ipCountryDatabasePath();
  // mmdb-lib, reading the whole file into memory, is the reference the in-place reader must agree with.
  const reference = new Reader<Record<string, unknown>>(readFileSync(path));
  const reader = MmdbReader.open(path, { cachePages: 8 });
  afterAll(() => reader.close());

  it('reads the metadata of the bundled database', () => {
    expect(reader.metadata).toMatchObject({
      ip_version: 6,
      record_size: reference.metadata.recordSize,
      node_count: reference.metadata.nodeCount,
    });
  });

  it('answers what mmdb-lib answers for 20,000 IPv4 and IPv6 addresses, through a tiny page cache', () => {
    const next = bytesFrom(0x5eed);
    const mismatches: string[] = [];
    let found = 0;
    for (let i = 0; i < 10_000; i += 1) {
      const v4 = [next(), next(), next(), next()];
      // Half the IPv6 addresses under 2000::/3, where the allocated networks are.
      const v6 = Array.from({ length: 16 }, next);
      if (i % 2 === 0) v6[0] = 0x20 | (v6[0]! & 0x1f);
      for (const [address, bytes] of [
        [ipv4(v4), v4],
        [ipv6(v6), v6],
      ] as const) {
        const expected = reference.get(address);
        const actual = reader.get(Uint8Array.from(bytes));
        if (expected) found += 1;
        if (JSON.stringify(actual) !== JSON.stringify(expected)) mismatches.push(address);
      }
    }
    expect(mismatches).toEqual([]);
    // The comparison means something only if many addresses have a country.
    expect(found).toBeGreaterThan(8_000);
    expect(reader.cachedPages).toBe(8);
  });

  it('answers null for a network the database does not cover', () => {
    expect(reader.get(Uint8Array.from([0, 0, 0, 1]))).toBeNull();
  });

  it('refuses an address that is neither 4 nor 16 bytes', () => {
    expect(() => reader.get(new Uint8Array(5))).toThrow(RangeError);
  });

  it('refuses a file that is not a MaxMind DB', () => {
    expect(() => MmdbReader.open(new URL(import.meta.url).pathname)).toThrow(/not a MaxMind DB/);
  });
});

describe('lookupIpCountry over the in-place reader', () => {
  it.each([
    ['2404:6800:4004:80a::200e', 'AU'],
    ['2404:6800:4004:080a:0000:0000:0000:200e', 'AU'],
    ['::ffff:8.8.8.8', 'US'],
    ['2001:4860:4860:0:0:0:0:8888', 'US'],
  ])('reads %s in any spelling as %s', (ip, country) => {
    expect(lookupIpCountry(ip)).toBe(country);
  });
});
