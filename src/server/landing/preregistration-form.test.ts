import { describe, expect, it } from 'vitest';
import { honeypotFilled, normaliseMobile, parsePreregistrationForm } from './preregistration-form.js';

const valid = {
  name: ' 테스트 사용자 ',
  email: 'Tester@Example.COM',
  phone: '010 0000 1234',
  mall: 'https://testmall01.cafe24.com/',
  volume: '1,200',
  tools: '엑셀',
  pains: ['0', '3'],
  consent: 'yes',
};

describe('parsePreregistrationForm', () => {
  it('accepts a complete form and normalises it', () => {
    expect(parsePreregistrationForm(valid, 'ko')).toEqual({
      ok: true,
      input: {
        name: '테스트 사용자',
        email: 'Tester@Example.COM',
        phone: '010-0000-1234',
        mall: 'testmall01',
        dailyOrders: 1200,
        pains: [0, 3],
        tools: '엑셀',
        consentVersion: '2026-12-v1/ko',
      },
    });
  });

  it('treats the optional fields as optional and a single ticked pain as a list', () => {
    const result = parsePreregistrationForm({ ...valid, volume: '', tools: '', pains: '2' }, 'ko');
    expect(result).toMatchObject({ ok: true, input: { dailyOrders: null, tools: null, pains: [2] } });
  });

  it('drops pain indexes the checklist does not have', () => {
    const result = parsePreregistrationForm({ ...valid, pains: ['1', '99', 'x', '1'] }, 'ko');
    expect(result).toMatchObject({ ok: true, input: { pains: [1] } });
  });

  it('refuses an empty form with a Korean message per required field and keeps nothing invented', () => {
    const result = parsePreregistrationForm({}, 'ko');
    if (result.ok) throw new Error('expected refusal');
    expect(result.state.errors).toEqual({
      name: '이름을 입력해 주세요.',
      email: '이메일을 입력해 주세요.',
      phone: '휴대폰 번호를 입력해 주세요.',
      mall: '카페24 쇼핑몰 아이디 또는 주소를 입력해 주세요.',
      consent: '개인정보 수집·이용에 동의해야 사전 등록할 수 있습니다.',
    });
  });

  it('answers in English for lang=en', () => {
    const result = parsePreregistrationForm({ ...valid, email: 'nope' }, 'en');
    if (result.ok) throw new Error('expected refusal');
    expect(result.state.errors).toEqual({
      email: 'This e-mail address is not valid. Example: name@example.com',
    });
  });

  it('keeps the typed values (and ticked pains) when refusing', () => {
    const result = parsePreregistrationForm({ ...valid, phone: '02-123-4567' }, 'ko');
    if (result.ok) throw new Error('expected refusal');
    expect(result.state.values).toMatchObject({
      name: '테스트 사용자',
      phone: '02-123-4567',
      mall: 'https://testmall01.cafe24.com/',
      'pain-0': 'on',
      'pain-3': 'on',
    });
    expect(Object.keys(result.state.errors)).toEqual(['phone']);
  });

  it.each([
    ['name', 'x'.repeat(51), '이름은 50자 이내로 입력해 주세요.'],
    ['volume', '많음', '하루 평균 주문 수는 0 이상의 숫자로 입력해 주세요.'],
    ['volume', '-5', '하루 평균 주문 수는 0 이상의 숫자로 입력해 주세요.'],
    ['tools', 'y'.repeat(201), '200자 이내로 입력해 주세요.'],
    [
      'mall',
      'my shop!',
      '쇼핑몰 아이디(영문 소문자·숫자 4~16자) 또는 주소(예: myshop.cafe24.com)를 입력해 주세요.',
    ],
  ])('refuses %s = %j', (field, value, message) => {
    const result = parsePreregistrationForm({ ...valid, [field]: value }, 'ko');
    if (result.ok) throw new Error('expected refusal');
    expect(result.state.errors).toEqual({ [field]: message });
  });

  it('requires consent to be given explicitly', () => {
    const result = parsePreregistrationForm({ ...valid, consent: 'no' }, 'ko');
    expect(result.ok).toBe(false);
  });
});

describe('normaliseMobile', () => {
  it.each([
    ['01000001234', '010-0000-1234'],
    ['+82 10-0000-1234', '010-0000-1234'],
    ['011-000-1234', '011-000-1234'],
  ])('%s → %s', (input, output) => expect(normaliseMobile(input)).toBe(output));

  it.each(['02-123-4567', '0100000123', '010-0000-12345', 'abc'])('refuses %s', (input) =>
    expect(normaliseMobile(input)).toBeNull(),
  );
});

describe('honeypotFilled', () => {
  it('is true only when the hidden website field has text', () => {
    expect(honeypotFilled({ website: 'http://spam.example' })).toBe(true);
    expect(honeypotFilled({ website: ' ' })).toBe(false);
    expect(honeypotFilled({})).toBe(false);
    expect(honeypotFilled(null)).toBe(false);
  });
});
