import { describe, expect, it } from 'vitest';
import { isUserError, retryDelayMs, toStoredError } from './retry-policy.js';

describe('isUserError', () => {
  it('recognises any thrown value with kind "user", whatever its class', () => {
    expect(isUserError(Object.assign(new Error('bad mall id'), { kind: 'user' }))).toBe(true);
    expect(isUserError({ kind: 'user' })).toBe(true);
  });

  it('treats operational, unexpected, plain and non-object errors as retryable', () => {
    expect(isUserError(Object.assign(new Error('503'), { kind: 'operational' }))).toBe(false);
    expect(isUserError(new Error('boom'))).toBe(false);
    expect(isUserError('boom')).toBe(false);
    expect(isUserError(null)).toBe(false);
  });
});

describe('toStoredError', () => {
  it('keeps message, code and kind, and nothing else', () => {
    const error = Object.assign(new Error('Cafe24 answered 429'), {
      code: 'CAFE24_RATE_LIMITED',
      kind: 'operational',
      response: { buyer: 'someone' },
    });
    expect(toStoredError(error)).toEqual({
      message: 'Cafe24 answered 429',
      code: 'CAFE24_RATE_LIMITED',
      kind: 'operational',
    });
  });

  it('turns a thrown string into a message', () => {
    expect(toStoredError('plain failure')).toEqual({ message: 'plain failure' });
  });
});

describe('retryDelayMs', () => {
  it('waits between base and twice the base before the first retry', () => {
    expect(retryDelayMs(1, 1000, () => 0)).toBe(1000);
    expect(retryDelayMs(1, 1000, () => 0.999)).toBe(1999);
  });

  it('doubles the window with every further failure', () => {
    expect(retryDelayMs(2, 1000, () => 0)).toBe(2000);
    expect(retryDelayMs(3, 1000, () => 0)).toBe(4000);
    expect(retryDelayMs(3, 1000, () => 0.5)).toBe(6000);
  });

  it('stops growing after the 16th failure', () => {
    expect(retryDelayMs(40, 10, () => 0)).toBe(retryDelayMs(16, 10, () => 0));
  });

  it('is zero when the base delay is zero', () => {
    expect(retryDelayMs(5, 0, () => 0.7)).toBe(0);
  });
});
