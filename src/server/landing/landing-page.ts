import { LANDING_CONTENT, type LandingLang } from './landing-content.js';

/** Escapes text for HTML element content and attribute values. */
export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

export interface LandingTemplate {
  id: string;
  name: string;
  description: string;
}

/** Values and messages to show again after a refused pre-registration. */
export interface FormState {
  values: Record<string, string>;
  errors: Record<string, string>;
}

const STYLE = `
:root{--ink:#1b2130;--muted:#5b6478;--line:#e3e7ef;--brand:#2f5bea;--brand-soft:#eef2ff;--bg:#f7f8fb;--ok:#127a4a;--bad:#c23a3a}
*{box-sizing:border-box}body{margin:0;font-family:"Pretendard","Apple SD Gothic Neo","Noto Sans KR","Malgun Gothic",system-ui,sans-serif;color:var(--ink);background:var(--bg);line-height:1.6}
a{color:var(--brand)}header{background:#fff;border-bottom:1px solid var(--line)}
.wrap{max-width:1080px;margin:0 auto;padding:0 24px}
nav{display:flex;align-items:center;justify-content:space-between;height:64px}
.logo{font-weight:800;font-size:20px;letter-spacing:-.02em;color:var(--ink);text-decoration:none}.logo span{color:var(--brand)}
.hero{padding:72px 0 56px;background:linear-gradient(180deg,#fff,var(--bg))}
.hero h1{font-size:40px;line-height:1.25;margin:0 0 16px;letter-spacing:-.03em;max-width:820px}
.hero p{font-size:18px;color:var(--muted);max-width:760px;margin:0 0 28px}
.btn{display:inline-block;padding:12px 20px;border-radius:10px;font-weight:700;text-decoration:none;border:1px solid var(--brand)}
.btn.primary{background:var(--brand);color:#fff}.btn.ghost{background:#fff;color:var(--brand);margin-left:8px}
section{padding:48px 0;border-top:1px solid var(--line)}h2{font-size:26px;margin:0 0 20px;letter-spacing:-.02em}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(300px,1fr));gap:16px}
.card{background:#fff;border:1px solid var(--line);border-radius:14px;padding:20px}
.chip{display:inline-block;background:var(--brand-soft);color:var(--brand);border-radius:999px;padding:2px 10px;font-size:13px;font-weight:700}
ul.check{list-style:none;padding:0;margin:0}ul.check li{padding:8px 0 8px 30px;position:relative;border-bottom:1px dashed var(--line)}
ul.check li:before{content:"☐";position:absolute;left:4px;color:var(--brand)}
.muted{color:var(--muted)}ol{padding-left:20px;margin:0}
details{background:#fff;border:1px solid var(--line);border-radius:10px;padding:12px 16px;margin:8px 0}summary{cursor:pointer;font-weight:700}
form .row{display:grid;grid-template-columns:1fr 1fr;gap:16px}label{display:block;font-weight:700;font-size:14px;margin:12px 0 4px}
input,select,textarea{width:100%;padding:10px 12px;border:1px solid #cfd6e4;border-radius:8px;font:inherit;background:#fff}
input:focus,textarea:focus,a:focus,button:focus,summary:focus{outline:3px solid #9bb3ff;outline-offset:1px}
.consent{background:var(--bg);border-radius:10px;padding:12px 16px;font-size:14px}.consent label{display:flex;gap:8px;align-items:center;font-weight:700}
.consent input{width:auto}.error{color:var(--bad);font-size:13px;margin-top:4px}.hp{position:absolute;left:-10000px}
button.btn{cursor:pointer;font:inherit;font-weight:700;margin-top:16px}footer{padding:32px 0;color:var(--muted);font-size:14px}
`;

const list = (items: string[]) => items.map((item) => `<li>${escapeHtml(item)}</li>`).join('');

function field(
  name: string,
  label: string,
  state: FormState | undefined,
  options: { type?: string; required?: boolean; autocomplete?: string } = {},
): string {
  const error = state?.errors[name];
  const value = state?.values[name] ?? '';
  const id = `f-${name}`;
  return `<div><label for="${id}">${escapeHtml(label)}</label><input id="${id}" name="${name}" type="${
    options.type ?? 'text'
  }" value="${escapeHtml(value)}"${options.required ? ' required aria-required="true"' : ''}${
    options.autocomplete ? ` autocomplete="${options.autocomplete}"` : ''
  }${error ? ` aria-invalid="true" aria-describedby="${id}-error"` : ''}>${
    error ? `<div class="error" id="${id}-error">${escapeHtml(error)}</div>` : ''
  }</div>`;
}

/** After a refused submission: how many fields need attention, announced to screen readers. */
function errorSummary(lang: LandingLang, state: FormState | undefined): string {
  const count = Object.keys(state?.errors ?? {}).length;
  if (count === 0) return '';
  const text =
    lang === 'ko' ? `입력 내용을 확인해 주세요 (${count}개 항목).` : `Please check ${count} field(s) below.`;
  return `<div class="error" role="alert" style="font-size:15px;font-weight:700">${escapeHtml(text)}</div>`;
}

/** The public landing page with the pre-registration form (`POST /preregister`). */
export function renderLandingPage(
  lang: LandingLang,
  templates: LandingTemplate[],
  state?: FormState,
): string {
  const c = LANDING_CONTENT[lang];
  const other: LandingLang = lang === 'ko' ? 'en' : 'ko';
  const pains = c.checklist
    .map(
      (pain, index) =>
        `<label style="font-weight:400;display:flex;gap:8px"><input type="checkbox" name="pains" value="${index}" style="width:auto"${
          state?.values[`pain-${index}`] ? ' checked' : ''
        }>${escapeHtml(pain)}</label>`,
    )
    .join('');
  const consentError = state?.errors.consent;
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(c.title)}</title><style>${STYLE}</style></head><body>
<header><div class="wrap"><nav aria-label="main"><a class="logo" href="/?lang=${lang}">Pass<span>Wing</span> 패스윙</a>
<div><a href="/?lang=${other}">${escapeHtml(c.switchLang)}</a> · <a href="/app/">${escapeHtml(c.ctaConsole)}</a></div></nav></div></header>
<main>
<div class="hero"><div class="wrap"><h1>${escapeHtml(c.tagline)}</h1><p>${escapeHtml(c.lead)}</p>
<a class="btn primary" href="#preregister">${escapeHtml(c.ctaPrimary)}</a><a class="btn ghost" href="/app/">${escapeHtml(c.ctaConsole)}</a></div></div>
<section><div class="wrap"><h2>${escapeHtml(c.checklistTitle)}</h2><p class="muted">${escapeHtml(c.checklistHint)}</p>
<div class="card"><ul class="check">${list(c.checklist)}</ul></div></div></section>
<section><div class="wrap"><h2>${escapeHtml(c.timelineTitle)}</h2><div class="grid">
<div class="card"><h3>${escapeHtml(c.before.title)}</h3><ol>${list(c.before.steps)}</ol></div>
<div class="card"><h3>${escapeHtml(c.after.title)}</h3><ol>${list(c.after.steps)}</ol></div></div></div></section>
<section><div class="wrap"><h2>${escapeHtml(c.examplesTitle)}</h2><div class="grid">${c.examples
    .map(
      (e) =>
        `<div class="card"><span class="chip">${escapeHtml(e.label)}</span><p>${escapeHtml(e.rule)}</p></div>`,
    )
    .join('')}</div></div></section>
<section><div class="wrap"><h2>${escapeHtml(c.templatesTitle)}</h2><div class="grid">${templates
    .map(
      (t) =>
        `<div class="card"><span class="chip">${escapeHtml(t.id)}</span> <strong>${escapeHtml(t.name)}</strong><p class="muted">${escapeHtml(
          t.description,
        )}</p></div>`,
    )
    .join('')}</div></div></section>
<section><div class="wrap"><h2>${escapeHtml(c.roadmapTitle)}</h2><div class="grid">${c.roadmap
    .map(
      (r) =>
        `<div class="card"><span class="chip">${escapeHtml(r.when)}</span><p>${escapeHtml(r.what)}</p></div>`,
    )
    .join('')}</div></div></section>
<section><div class="wrap"><h2>${escapeHtml(c.faqTitle)}</h2>${c.faq
    .map(
      (group) =>
        `<h3>${escapeHtml(group.section)}</h3>${group.items
          .map(
            (item) =>
              `<details><summary>${escapeHtml(item.q)}</summary><p>${escapeHtml(item.a)}</p></details>`,
          )
          .join('')}`,
    )
    .join('')}</div></section>
<section id="preregister"><div class="wrap"><h2>${escapeHtml(c.form.title)}</h2><p><span class="chip">${escapeHtml(
    c.form.benefit,
  )}</span></p>
<form class="card" method="post" action="/preregister?lang=${lang}#preregister" novalidate>${errorSummary(lang, state)}
<div class="row">${field('name', c.form.name, state, { required: true, autocomplete: 'name' })}${field(
    'email',
    c.form.email,
    state,
    {
      type: 'email',
      required: true,
      autocomplete: 'email',
    },
  )}</div>
<div class="row">${field('phone', c.form.phone, state, { type: 'tel', required: true, autocomplete: 'tel' })}${field(
    'mall',
    c.form.mall,
    state,
    { required: true },
  )}</div>
<div class="row">${field('volume', c.form.volume, state, { type: 'number' })}${field('tools', c.form.tools, state)}</div>
<fieldset style="border:0;padding:0;margin:12px 0"><legend style="font-weight:700;font-size:14px">${escapeHtml(c.form.pains)}</legend>${pains}</fieldset>
<div class="hp" aria-hidden="true"><label for="f-website">Website</label><input id="f-website" name="website" tabindex="-1" autocomplete="off"></div>
<div class="consent"><strong>${escapeHtml(c.form.consentTitle)}</strong><p>${escapeHtml(c.form.consentText)}</p>
<label><input type="checkbox" name="consent" value="yes"${consentError ? ' aria-invalid="true" aria-describedby="consent-error"' : ''}>${escapeHtml(
    c.form.consentLabel,
  )}</label>${consentError ? `<div class="error" id="consent-error">${escapeHtml(consentError)}</div>` : ''}</div>
<button class="btn primary" type="submit">${escapeHtml(c.form.submit)}</button></form></div></section>
</main><footer><div class="wrap">© PassWing 패스윙</div></footer></body></html>`;
}

/** A short page with one message and a way back to the landing page. */
function messagePage(lang: LandingLang, text: { title: string; body: string; back: string }): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(
    text.title,
  )}</title><style>${STYLE}</style></head><body><main class="wrap" style="padding:80px 24px"><div class="card"><h1>${escapeHtml(
    text.title,
  )}</h1><p>${escapeHtml(text.body)}</p><a class="btn primary" href="/?lang=${lang}">${escapeHtml(text.back)}</a></div></main></body></html>`;
}

/** The page shown after a pre-registration was accepted (also for a duplicate, so nothing leaks). */
export function renderPreregistrationDone(lang: LandingLang): string {
  return messagePage(
    lang,
    lang === 'ko'
      ? {
          title: '사전 등록이 접수되었습니다',
          body: '출시 소식을 가장 먼저 보내 드리고, 등록한 쇼핑몰로 설치하면 출시 후 2개월 무료가 자동으로 적용됩니다.',
          back: '처음으로',
        }
      : {
          title: 'You are pre-registered',
          body: 'You will hear first at launch; install with the registered mall and 2 months free apply automatically.',
          back: 'Back',
        },
  );
}

/** The page shown when one address sent too many registrations in a short time. */
export function renderPreregistrationRateLimited(lang: LandingLang): string {
  return messagePage(
    lang,
    lang === 'ko'
      ? {
          title: '잠시 후 다시 시도해 주세요',
          body: '짧은 시간에 너무 많은 요청이 들어왔습니다. 몇 분 뒤에 다시 등록해 주세요.',
          back: '처음으로',
        }
      : {
          title: 'Please try again shortly',
          body: 'Too many requests arrived in a short time. Please register again in a few minutes.',
          back: 'Back',
        },
  );
}
