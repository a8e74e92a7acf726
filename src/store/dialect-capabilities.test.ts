import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { dialectCapabilities } from './dialect-capabilities.js';
import { translateError } from './store-context.js';
import { StoreError } from './store-error.js';

const postgres = dialectCapabilities.postgres;

function databaseError(code: string): pg.DatabaseError {
  const error = new pg.DatabaseError('terminating connection due to administrator command', 100, 'error');
  error.code = code;
  return error;
}

describe('PostgreSQL errors while the server restarts or is unreachable', () => {
  it('classifies shutdown, refused and dropped connections as unavailable', () => {
    for (const code of ['57P01', '57P03', '55000', '08006'])
      expect(postgres.classifyError(databaseError(code))).toBe('unavailable');
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    expect(postgres.classifyError(refused)).toBe('unavailable');
    expect(postgres.classifyError(new Error('Connection terminated unexpectedly'))).toBe('unavailable');
    expect(postgres.classifyError(databaseError('23505'))).toBe('unique');
    expect(postgres.classifyError(new Error('something else'))).toBeNull();
  });

  it('becomes an operational StoreError telling what to check', () => {
    const translated = translateError(postgres, databaseError('57P01'));
    expect(translated).toBeInstanceOf(StoreError);
    expect(translated).toMatchObject({ code: 'unavailable', kind: 'operational' });
    expect((translated as StoreError).message).toContain('DATABASE_URL');
    // An error of the caller's own code passes unchanged.
    const own = new Error('something else');
    expect(translateError(postgres, own)).toBe(own);
  });
});
