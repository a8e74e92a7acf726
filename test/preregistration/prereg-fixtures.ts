import type { PreregistrationInput } from '../../src/store/repositories/preregistrations-repository.js';

/** A registration with obviously fake personal data; override what a test is about. */
export function fakeRegistration(overrides: Partial<PreregistrationInput> = {}): PreregistrationInput {
  return {
    name: '테스트 사용자',
    email: 'tester@example.com',
    phone: '010-0000-1234',
    mall: 'testmall01',
    dailyOrders: 120,
    pains: [0, 2],
    tools: '엑셀 시트',
    consentVersion: '2026-12-v1/ko',
    ...overrides,
  };
}

/** Every plaintext personal value of a registration, to look for in raw rows. */
export const personalValues = (input: PreregistrationInput): string[] =>
  [input.name, input.email, input.phone, input.mall, input.tools ?? ''].filter((value) => value !== '');
