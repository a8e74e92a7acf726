import { describe, expect, it } from 'vitest';
import { maskEmail, maskName, maskPersonal, maskPhone } from './mask-personal.js';

describe('maskName', () => {
  it('keeps the family name of a Korean name and masks the rest', () => {
    expect(maskName('김철수')).toBe('김○○');
    expect(maskName('이준')).toBe('이○');
    expect(maskName('남궁민수')).toBe('남○○○');
  });

  it('keeps the first letter of each word of a Latin name', () => {
    expect(maskName('Jane Doe')).toBe('J○○○ D○○');
  });

  it('masks a one-letter name entirely', () => {
    expect(maskName('김')).toBe('○');
  });
});

describe('maskPhone', () => {
  it.each([
    ['010-1234-5678', '010-****-5678'],
    ['01012345678', '010-****-5678'],
    ['010.1234.5678', '010-****-5678'],
    ['+82 10 1234 5678', '010-****-5678'],
    ['+82-10-1234-5678', '010-****-5678'],
    ['011-123-4567', '011-***-4567'],
    ['02-123-4567', '02-***-4567'],
    ['031-1234-5678', '031-****-5678'],
    ['070-1234-5678', '070-****-5678'],
  ])('masks the middle group of %s', (input, expected) => {
    expect(maskPhone(input)).toBe(expected);
  });

  it('masks numbers inside text and leaves order ids, item codes and amounts alone', () => {
    const text = '주문 20260101-0000001-01 (연락처 010-1234-5678), 금액 100000000원, 우편번호 63000';
    expect(maskPhone(text)).toBe(
      '주문 20260101-0000001-01 (연락처 010-****-5678), 금액 100000000원, 우편번호 63000',
    );
  });
});

describe('maskEmail', () => {
  it('keeps the first character and the domain', () => {
    expect(maskEmail('문의: buyer.test@example.com')).toBe('문의: b***@example.com');
  });
});

describe('maskPersonal', () => {
  it('masks the given names, phone numbers and e-mail addresses in one pass', () => {
    const text = '김철수님(010-1234-5678, kim@example.com) → 받는 분 이영희';
    expect(maskPersonal(text, ['김철수', '이영희'])).toBe(
      '김○○님(010-****-5678, k***@example.com) → 받는 분 이○○',
    );
  });

  it('ignores empty and missing names, and masks longer names before names they contain', () => {
    expect(maskPersonal('남궁민수, 남궁', ['남궁', null, '', undefined, '남궁민수'])).toBe('남○○○, 남○');
  });
});
