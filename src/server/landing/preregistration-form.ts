import { z } from 'zod';
import {
  normaliseMallRef,
  type PreregistrationInput,
} from '../../store/repositories/preregistrations-repository.js';
import { LANDING_CONTENT, PREREGISTRATION_CONSENT_VERSION, type LandingLang } from './landing-content.js';
import type { FormState } from './landing-page.js';

/**
 * The pre-registration form as posted (form-urlencoded): every field optional and untrusted here;
 * `pains` repeats (one value per ticked checkbox). Checked field by field below, so each field gets
 * its own message.
 */
export const PreregistrationFormBody = z.object({
  name: z.string().optional(),
  email: z.string().optional(),
  phone: z.string().optional(),
  mall: z.string().optional(),
  volume: z.string().optional(),
  tools: z.string().optional(),
  pains: z.union([z.string(), z.array(z.string())]).optional(),
  website: z.string().optional(),
  consent: z.string().optional(),
});
export type PreregistrationFormBody = z.infer<typeof PreregistrationFormBody>;

type FieldError =
  | 'nameRequired'
  | 'nameTooLong'
  | 'emailRequired'
  | 'emailInvalid'
  | 'phoneRequired'
  | 'phoneInvalid'
  | 'mallRequired'
  | 'mallInvalid'
  | 'volumeInvalid'
  | 'toolsTooLong'
  | 'consentRequired';

const MESSAGES: Record<LandingLang, Record<FieldError, string>> = {
  ko: {
    nameRequired: '이름을 입력해 주세요.',
    nameTooLong: '이름은 50자 이내로 입력해 주세요.',
    emailRequired: '이메일을 입력해 주세요.',
    emailInvalid: '이메일 주소 형식이 올바르지 않습니다. 예: name@example.com',
    phoneRequired: '휴대폰 번호를 입력해 주세요.',
    phoneInvalid: '휴대폰 번호 형식이 올바르지 않습니다. 예: 010-1234-5678',
    mallRequired: '카페24 쇼핑몰 아이디 또는 주소를 입력해 주세요.',
    mallInvalid: '쇼핑몰 아이디(영문 소문자·숫자 4~16자) 또는 주소(예: myshop.cafe24.com)를 입력해 주세요.',
    volumeInvalid: '하루 평균 주문 수는 0 이상의 숫자로 입력해 주세요.',
    toolsTooLong: '200자 이내로 입력해 주세요.',
    consentRequired: '개인정보 수집·이용에 동의해야 사전 등록할 수 있습니다.',
  },
  en: {
    nameRequired: 'Please enter your name.',
    nameTooLong: 'Please keep the name within 50 characters.',
    emailRequired: 'Please enter your e-mail address.',
    emailInvalid: 'This e-mail address is not valid. Example: name@example.com',
    phoneRequired: 'Please enter your mobile number.',
    phoneInvalid: 'This mobile number is not valid. Example: 010-1234-5678',
    mallRequired: 'Please enter your Cafe24 mall id or URL.',
    mallInvalid: 'Enter a mall id (4–16 lower-case letters or digits) or a URL such as myshop.cafe24.com.',
    volumeInvalid: 'Orders per day must be a number of 0 or more.',
    toolsTooLong: 'Please keep this within 200 characters.',
    consentRequired: 'Please agree to the collection and use of personal data to pre-register.',
  },
};

/** `010 1234 5678`, `01012345678`, `+82 10-1234-5678` → `010-1234-5678`; null when not a Korean mobile number. */
export function normaliseMobile(text: string): string | null {
  const digits = text.replace(/[\s().-]/g, '').replace(/^\+82/, '0');
  // 010 numbers always have a 4-digit middle group; the legacy 011/016–019 ones may have 3.
  const match = /^(010(?=\d{8}$)|01[16789])(\d{3,4})(\d{4})$/.exec(digits);
  return match === null ? null : `${match[1]}-${match[2]}-${match[3]}`;
}

const EMAIL = z.email().max(254);
const VOLUME = /^\d{1,8}$/;

export type PreregistrationFormResult =
  { ok: true; input: PreregistrationInput } | { ok: false; state: FormState };

const text = (value: string | undefined) => (value ?? '').trim();
const formOf = (body: unknown): PreregistrationFormBody => PreregistrationFormBody.catch({}).parse(body);

/** Whether the hidden `website` field was filled: only bots do that. */
export const honeypotFilled = (body: unknown): boolean => text(formOf(body).website) !== '';

/**
 * Validates a posted form. Refused → the form state to render again (values kept, one message per
 * field, in the page's language).
 */
export function parsePreregistrationForm(body: unknown, lang: LandingLang): PreregistrationFormResult {
  const form = formOf(body);
  const painCount = LANDING_CONTENT[lang].checklist.length;
  const pains = [...new Set([form.pains ?? []].flat())]
    .filter((value) => /^\d{1,2}$/.test(value))
    .map(Number)
    .filter((index) => index < painCount) // unknown indexes come only from tampered forms: dropped
    .sort((a, b) => a - b);

  const errors: Partial<Record<string, FieldError>> = {};
  const name = text(form.name);
  if (name === '') errors.name = 'nameRequired';
  else if ([...name].length > 50) errors.name = 'nameTooLong';

  const email = text(form.email);
  if (email === '') errors.email = 'emailRequired';
  else if (!EMAIL.safeParse(email).success) errors.email = 'emailInvalid';

  const phoneText = text(form.phone);
  const phone = normaliseMobile(phoneText);
  if (phoneText === '') errors.phone = 'phoneRequired';
  else if (phone === null) errors.phone = 'phoneInvalid';

  const mallText = text(form.mall);
  const mall = normaliseMallRef(mallText);
  if (mallText === '') errors.mall = 'mallRequired';
  else if (mall === null) errors.mall = 'mallInvalid';

  const volumeText = text(form.volume).replace(/[,\s]/g, '').replace(/건$/, '');
  if (volumeText !== '' && !VOLUME.test(volumeText)) errors.volume = 'volumeInvalid';

  const tools = text(form.tools);
  if ([...tools].length > 200) errors.tools = 'toolsTooLong';

  if (form.consent !== 'yes') errors.consent = 'consentRequired';

  const fieldErrors = Object.entries(errors).filter(
    (entry): entry is [string, FieldError] => entry[1] !== undefined,
  );
  if (fieldErrors.length > 0 || phone === null || mall === null) {
    const values: Record<string, string> = {
      name,
      email,
      phone: phoneText,
      mall: mallText,
      volume: text(form.volume),
      tools,
    };
    for (const index of pains) values[`pain-${index}`] = 'on';
    return {
      ok: false,
      state: {
        values,
        errors: Object.fromEntries(fieldErrors.map(([field, key]) => [field, MESSAGES[lang][key]])),
      },
    };
  }
  return {
    ok: true,
    input: {
      name,
      email,
      phone,
      mall,
      dailyOrders: volumeText === '' ? null : Number(volumeText),
      pains,
      tools: tools === '' ? null : tools,
      consentVersion: `${PREREGISTRATION_CONSENT_VERSION}/${lang}`,
    },
  };
}
