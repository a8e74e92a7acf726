import { describe, expect, it } from 'vitest';
import { lookupIpCountry } from './ip-country.js';

describe('lookupIpCountry', () => {
  it('finds US for 8.8.8.8', () => {
    expect(lookupIpCountry('8.8.8.8')).toBe('US');
  });

  it('finds KR for a Korean carrier address', () => {
    expect(lookupIpCountry('211.234.10.1')).toBe('KR');
  });

  it('finds the country of IPv6 addresses', () => {
    expect(lookupIpCountry('2001:4860:4860::8888')).toBe('US');
    expect(lookupIpCountry('2406:5900::1')).toBe('KR');
  });

  it('reads IPv4-mapped IPv6 addresses as their IPv4 form', () => {
    expect(lookupIpCountry('::ffff:8.8.8.8')).toBe('US');
  });

  it.each([
    '10.0.0.1',
    '127.0.0.1',
    '192.168.0.1',
    '172.16.5.4',
    '100.64.0.1',
    '169.254.1.1',
    '198.51.100.7',
  ])('answers null for private or reserved %s', (ip) => {
    expect(lookupIpCountry(ip)).toBeNull();
  });

  it.each(['::1', 'fe80::1', 'fd00::1', '2001:db8::1', '::ffff:192.168.0.1'])(
    'answers null for private or reserved IPv6 %s',
    (ip) => {
      expect(lookupIpCountry(ip)).toBeNull();
    },
  );

  it.each(['', 'not an ip', '256.1.1.1', '1.2.3', '8.8.8.8:80'])('answers null for malformed %j', (ip) => {
    expect(lookupIpCountry(ip)).toBeNull();
  });

  it.each(['2001:2d8:e000::1', '2001:e60:1234::5', '2001:4430:8::9'])(
    'reads Korean mobile carriers IPv6 %s as KR (the bundled data says AU)',
    (ip) => {
      expect(lookupIpCountry(ip)).toBe('KR');
    },
  );
});
