import { describe, expect, it } from 'vitest';
import { parseKstTimestamp } from './kst-time.js';

describe('parseKstTimestamp', () => {
  it('reads an offset-less Cafe24 token time as Asia/Seoul', () => {
    expect(parseKstTimestamp('2021-03-01T14:00:00.000')).toBe(Date.parse('2021-03-01T05:00:00.000Z'));
  });

  it('honours an explicit offset', () => {
    expect(parseKstTimestamp('2021-03-01T14:00:00+00:00')).toBe(Date.parse('2021-03-01T14:00:00Z'));
  });

  it('returns null for text that is not a timestamp', () => {
    expect(parseKstTimestamp('tomorrow')).toBeNull();
  });
});
