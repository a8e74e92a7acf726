import type { Localized } from './fact-catalogue.js';

/** Every validation issue code with its Korean/English message; `detail` names the offending thing. */
export const VALIDATION_MESSAGES = {
  // shape (zod)
  required: ['값이 필요합니다', 'a value is required'],
  expectedNumber: ['숫자가 필요합니다', 'expected a number'],
  expectedInteger: ['정수가 필요합니다', 'expected a whole number'],
  expectedString: ['문자열이 필요합니다', 'expected a text'],
  expectedBoolean: ['예/아니오(true/false) 값이 필요합니다', 'expected true or false'],
  expectedList: ['목록(배열)이 필요합니다', 'expected a list'],
  expectedObject: ['객체가 필요합니다', 'expected an object'],
  invalidOption: ['허용되지 않는 값입니다', 'value not allowed'],
  tooSmall: ['값이 너무 작습니다', 'value too small'],
  invalid: ['올바르지 않은 값입니다', 'invalid value'],
  // values
  expectedWon: ['금액은 0 이상의 정수(원)여야 합니다', 'an amount must be a whole number of won, at least 0'],
  outOfRange: ['허용 범위를 벗어난 값입니다', 'value out of range'],
  expectedTime: ['시각은 HH:mm 형식이어야 합니다 (00:00–23:59)', 'expected a time as HH:mm (00:00–23:59)'],
  expectedDate: ['날짜는 YYYY-MM-DD 형식의 실제 날짜여야 합니다', 'expected a real date as YYYY-MM-DD'],
  expectedDateTime: [
    '날짜는 YYYY-MM-DD 또는 YYYY-MM-DDTHH:mm 형식이어야 합니다',
    'expected a date as YYYY-MM-DD or YYYY-MM-DDTHH:mm',
  ],
  expectedCountry: [
    '국가는 두 글자 대문자 코드여야 합니다 (예: KR)',
    'expected a two-letter country code (e.g. KR)',
  ],
  unknownOption: ['선택할 수 없는 값입니다', 'not one of the allowed options'],
  expectedRange: ['[시작, 끝] 두 값이 필요합니다', 'expected two values [from, to]'],
  emptyRange: ['시작이 끝보다 늦습니다', 'the start is after the end'],
  missingValue: ['비교할 값이 필요합니다', 'a value to compare with is required'],
  unexpectedValue: ['이 연산자에는 값을 쓰지 않습니다', 'this operator takes no value'],
  emptyWindow: ['시작과 끝 시각이 같습니다', 'start and end times are equal'],
  // semantics
  unknownFact: ['알 수 없는 항목입니다', 'unknown fact'],
  operatorNotAllowed: ['이 항목에 쓸 수 없는 연산자입니다', 'operator not allowed for this fact'],
  missingArg: ['기간 값(arg)이 필요합니다', 'this fact needs its parameter (arg)'],
  unsupportedArg: ['이 항목은 기간 값(arg)을 받지 않습니다', 'this fact takes no parameter (arg)'],
  invalidArg: [
    '기간 값(arg)이 허용 범위의 정수가 아닙니다',
    'the parameter (arg) must be a whole number in range',
  ],
  emptyGroup: ['조건이 하나 이상 필요합니다', 'at least one condition is required'],
  contradiction: ['함께 만족할 수 없는 조건입니다', 'contradicts another condition of the same group'],
  duplicateRuleId: ['규칙 ID가 중복됩니다', 'duplicate rule ID'],
  duplicateFlowId: ['플로우 ID가 중복됩니다', 'duplicate flow ID'],
  emptyId: ['ID가 비어 있습니다', 'the ID is empty'],
  noTriggers: ['실행 시점(트리거)이 하나 이상 필요합니다', 'at least one trigger is required'],
  itemFactOutsideItems: [
    '상품 항목은 "상품 중" 조건 안에서만 쓸 수 있습니다',
    'item facts can only be used inside an items condition',
  ],
  orderFactInsideItems: [
    '"상품 중" 조건 안에서는 상품 항목만 쓸 수 있습니다',
    'only item facts can be used inside an items condition',
  ],
  nestedItems: ['"상품 중" 조건 안에 또 넣을 수 없습니다', 'items conditions cannot be nested'],
  labelEmpty: ['라벨 이름이 비어 있습니다', 'the label name is empty'],
  labelBlank: ['라벨 이름이 공백뿐입니다', 'the label name is only whitespace'],
  labelTooLong: ['라벨 이름이 너무 깁니다', 'the label name is too long'],
  labelComma: ['라벨 이름에 쉼표(,)를 쓸 수 없습니다', 'a label name cannot contain a comma'],
  unknownPlaceholder: ['알 수 없는 치환 항목입니다', 'unknown placeholder'],
} satisfies Record<string, [string, string]>;

export type ValidationCode = keyof typeof VALIDATION_MESSAGES;

/** The message of a code, with an optional detail appended (`… : 상품구매금액`). */
export function validationMessage(code: ValidationCode, detail?: Localized): Localized {
  const [ko, en] = VALIDATION_MESSAGES[code];
  return detail ? { ko: `${ko}: ${detail.ko}`, en: `${en}: ${detail.en}` } : { ko, en };
}
