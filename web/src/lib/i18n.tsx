import { createContext, useContext } from 'react';
import type { Lang, LocalizedText } from '../../../src/server/api-contract.js';
import { messages } from './messages.js';

export type MessageKey = keyof typeof messages;

const STORAGE_KEY = 'passwing.lang';

/** The language the operator chose last on this browser, else Korean. */
export function storedLang(): Lang {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'ko';
  } catch {
    return 'ko';
  }
}

export function storeLang(lang: Lang): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  document.documentElement.lang = lang;
}

/** Fills `{name}` placeholders. */
export function translate(lang: Lang, key: MessageKey, vars?: Record<string, string | number>): string {
  const text = messages[key][lang];
  return vars
    ? text.replace(/\{(\w+)\}/g, (whole: string, name: string) => String(vars[name] ?? whole))
    : text;
}

export interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: (key: MessageKey, vars?: Record<string, string | number>) => string;
  /** Server-provided bilingual text in the current language. */
  pick: (text: LocalizedText) => string;
}

export const I18nContext = createContext<I18n>({
  lang: 'ko',
  setLang: () => undefined,
  t: (key, vars) => translate('ko', key, vars),
  pick: (text) => text.ko,
});

export const useI18n = (): I18n => useContext(I18nContext);
