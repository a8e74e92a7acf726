import type { Command } from 'commander';
import {
  describeTemplateParams,
  findTemplate,
  TEMPLATES,
  type TemplateDefinition,
} from '../../templates/index.js';
import { CliUsageError } from '../cli-errors.js';

type Lang = 'ko' | 'en';

const TEXT = {
  templates: { ko: '템플릿', en: 'Templates' },
  examples: { ko: '예시', en: 'Examples' },
  kind: { ko: '종류', en: 'Kind' },
  parameters: { ko: '파라미터', en: 'Parameters' },
  required: { ko: '필수', en: 'required' },
  default: { ko: '기본값', en: 'default' },
  usage: { ko: '사용 예', en: 'Usage' },
  needsParams: { ko: '파라미터 필요', en: 'needs parameters' },
} as const;

const parseLang = (value: string): Lang => {
  if (value === 'ko' || value === 'en') return value;
  throw new CliUsageError(`--lang: ko 또는 en이 필요합니다 / expected ko or en, got "${value}"`);
};

/** East Asian characters take two columns in a terminal. */
const displayWidth = (text: string): number =>
  [...text].reduce(
    (width, char) =>
      width + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60]/.test(char) ? 2 : 1),
    0,
  );
const pad = (text: string, width: number): string =>
  text + ' '.repeat(Math.max(0, width - displayWidth(text)));

const formatValue = (value: unknown): string => JSON.stringify(value);

function listLines(lang: Lang): string[] {
  const idWidth = Math.max(...TEMPLATES.map((t) => t.id.length)) + 2;
  const nameWidth = Math.max(...TEMPLATES.map((t) => displayWidth(t.name[lang]))) + 2;
  const line = (template: TemplateDefinition): string => {
    const summary =
      template.defaults === null
        ? `${TEXT.needsParams[lang]}: ${describeTemplateParams(template)
            .filter((param) => param.required)
            .map((param) => param.key)
            .join(', ')}`
        : Object.entries(template.defaults)
            .map(([key, value]) => `${key}=${formatValue(value)}`)
            .join(' ');
    return `  ${pad(template.id, idWidth)}${pad(template.name[lang], nameWidth)}${summary}`;
  };
  return [
    `${TEXT.templates[lang]}:`,
    ...TEMPLATES.filter((t) => t.kind === 'template').map(line),
    '',
    `${TEXT.examples[lang]}:`,
    ...TEMPLATES.filter((t) => t.kind === 'example').map(line),
  ];
}

function showLines(template: TemplateDefinition, lang: Lang): string[] {
  const other: Lang = lang === 'ko' ? 'en' : 'ko';
  const params = describeTemplateParams(template);
  const keyWidth = Math.max(...params.map((param) => param.key.length)) + 2;
  const typeWidth = Math.max(...params.map((param) => param.type.length)) + 2;
  const defaults = params.map((param) =>
    param.required ? TEXT.required[lang] : `${TEXT.default[lang]} ${formatValue(param.defaultValue)}`,
  );
  const defaultWidth = Math.max(...defaults.map(displayWidth)) + 2;
  // Required parameters must all be given; otherwise one optional parameter shows the syntax.
  const required = params.filter((param) => param.required);
  const shown = required.length > 0 ? required : params.filter((param) => param.key !== 'label').slice(0, 1);
  const usage = [
    `passwing replay --orders orders.json --templates ${template.id}`,
    ...shown.map((param) => {
      const value = param.required ? `<${param.key}>` : formatValue(param.defaultValue).replace(/^"|"$/g, '');
      return `--param ${template.id}.${param.key}=${value}`;
    }),
  ];
  return [
    `${template.id} — ${template.name[lang]} (${template.name[other]})`,
    `${TEXT.kind[lang]}: ${template.kind === 'template' ? TEXT.templates[lang] : TEXT.examples[lang]}`,
    '',
    template.description[lang],
    '',
    `${TEXT.parameters[lang]}:`,
    ...params.map(
      (param, index) =>
        `  ${pad(param.key, keyWidth)}${pad(param.type, typeWidth)}${pad(defaults[index] ?? '', defaultWidth)}` +
        param.description,
    ),
    '',
    `${TEXT.usage[lang]}: ${usage.join(' ')}`,
  ];
}

/** `passwing templates list|show ID`: the built-in templates and examples with their parameters. */
export function registerTemplatesCommand(program: Command): void {
  const templates = program
    .command('templates')
    .description('내장 템플릿과 예시 / built-in templates and examples');
  templates
    .command('list')
    .description('템플릿 목록 / list templates with their default parameters')
    .option('--lang <lang>', 'ko | en', 'ko')
    .action((options: { lang: string }) => {
      process.stdout.write(`${listLines(parseLang(options.lang)).join('\n')}\n`);
    });
  templates
    .command('show')
    .argument('<id>', '템플릿 ID / template ID')
    .description('템플릿 설명과 파라미터 / describe one template and its parameters')
    .option('--lang <lang>', 'ko | en', 'ko')
    .option('--json', '정의와 기본 플로우를 JSON으로 / print the definition and default flow as JSON')
    .action((id: string, options: { lang: string; json?: boolean }) => {
      const template = findTemplate(id);
      if (!template) {
        throw new CliUsageError(
          `알 수 없는 템플릿입니다 / unknown template: ${id} (${TEMPLATES.map((t) => t.id).join(', ')})`,
        );
      }
      if (options.json) {
        const { params: _schema, build: _build, ...definition } = template;
        const flow = template.defaults === null ? null : template.build();
        const output = { ...definition, params: describeTemplateParams(template), flow };
        process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
        return;
      }
      process.stdout.write(`${showLines(template, parseLang(options.lang)).join('\n')}\n`);
    });
}
