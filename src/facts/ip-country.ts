import { createRequire } from 'node:module';
import { BlockList, isIP } from 'node:net';
import { dirname, join } from 'node:path';
import { MmdbReader } from './ip-country-database.js';

/**
 * Offline IP → country from @ip-location-db/geo-whois-asn-country-mmdb (GeoFeed + RIR whois + ASN
 * data, CC BY 4.0 by NRO: attribution to nro.net required). The combined IPv4+IPv6 file (~8 MB)
 * is opened on first use and read in place (ip-country-database.ts), never loaded whole.
 *
 * Private, loopback, link-local, CGNAT, documentation, multicast and other reserved addresses are
 * answered null before the lookup: the data maps several of them to real countries (192.168/16,
 * 172.16/12 and 198.51.100/24 read as AU), which would turn an internal IP into an "overseas" one.
 */
const RESERVED = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  RESERVED.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 127],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  RESERVED.addSubnet(network, prefix, 'ipv6');
}

/**
 * Korean mobile carriers' IPv6 allocations (KRNIC): the bundled data reads them as AU, which would
 * make every IPv6 mobile buyer "overseas". Corrections win over the database.
 */
const KOREAN_CARRIER_IPV6 = new BlockList();
for (const network of ['2001:2d8::', '2001:e60::', '2001:4430::'] as const) {
  KOREAN_CARRIER_IPV6.addSubnet(network, 32, 'ipv6');
}

/** Where the bundled database file is. */
export function ipCountryDatabasePath(): string {
  const require = createRequire(import.meta.url);
  const packageDir = dirname(require.resolve('@ip-location-db/geo-whois-asn-country-mmdb/package.json'));
  return join(packageDir, 'geo-whois-asn-country.mmdb');
}

let reader: MmdbReader | undefined;

function database(): MmdbReader {
  reader ??= MmdbReader.open(ipCountryDatabasePath());
  return reader;
}

/** `::ffff:1.2.3.4` is an IPv4 address in IPv6 clothing; the database only knows the IPv4 form. */
function unwrapMappedIpv4(ip: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  return mapped?.[1] ?? ip;
}

/** The 4 or 16 bytes of an address `isIP` accepted (an IPv6 zone, `%eth0`, is dropped). */
function addressBytes(address: string, version: 4 | 6): Uint8Array {
  if (version === 4) return Uint8Array.from(address.split('.'), Number);
  const groupsOf = (part: string): number[] =>
    part === ''
      ? []
      : part.split(':').flatMap((group) => {
          if (!group.includes('.')) return [parseInt(group, 16)];
          const [a = 0, b = 0, c = 0, d = 0] = group.split('.').map(Number);
          return [(a << 8) | b, (c << 8) | d];
        });
  const [head = '', tail] = address.split('%')[0]!.split('::');
  const front = groupsOf(head);
  const back = tail === undefined ? [] : groupsOf(tail);
  const groups = [...front, ...new Array<number>(8 - front.length - back.length).fill(0), ...back];
  const bytes = new Uint8Array(16);
  groups.forEach((group, index) => {
    bytes[index * 2] = group >> 8;
    bytes[index * 2 + 1] = group & 0xff;
  });
  return bytes;
}

/** ISO 3166 alpha-2 country of a public IPv4/IPv6 address; null when reserved, malformed or unknown. */
export function lookupIpCountry(ip: string): string | null {
  const address = unwrapMappedIpv4(ip.trim());
  const version = isIP(address);
  if (version === 0) return null;
  if (RESERVED.check(address, version === 4 ? 'ipv4' : 'ipv6')) return null;
  if (version === 6 && KOREAN_CARRIER_IPV6.check(address, 'ipv6')) return 'KR';
  // This database's records are `{ country_code }`.
  const record = database().get(addressBytes(address, version === 4 ? 4 : 6)) as {
    country_code?: unknown;
  } | null;
  return typeof record?.country_code === 'string' ? record.country_code : null;
}
