import { describe, expect, it } from 'vitest';
import { TEMPLATES } from '../../src/templates/index.js';
import { runCli, STACK_FRAME } from './run-cli.js';

describe('passwing templates', { timeout: 90_000 }, () => {
  it('lists every template and example with its Korean name and default parameters', async () => {
    const result = await runCli(['templates', 'list']);
    expect(result.code).toBe(0);
    for (const template of TEMPLATES) {
      const line = result.stdout.split('\n').find((text) => text.trim().startsWith(`${template.id} `));
      expect(line, template.id).toContain(template.name.ko);
    }
    expect(result.stdout).toMatch(/HIGH_VALUE .*minAmount=100000/);
    expect(result.stdout).toMatch(/EVENT_ORDER .*파라미터 필요: from, to/);
  });

  it('shows one template with its parameters and defaults', async () => {
    const result = await runCli(['templates', 'show', 'RETURN_RISK']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('RETURN_RISK — 반품 주의 고객 (Return risk)');
    expect(result.stdout).toMatch(/minReturnOrders\s+number\s+기본값 2/);
    expect(result.stdout).toMatch(/days\s+number\s+기본값 90/);
  });

  it('shows in English on request, and as JSON with the default flow', async () => {
    const english = await runCli(['templates', 'show', 'SAME_DAY', '--lang', 'en']);
    expect(english.stdout).toContain('SAME_DAY — Same-day shipping (새벽·당일 배송)');
    expect(english.stdout).toMatch(/to\s+string\s+default "05:00"/);
    const json = await runCli(['templates', 'show', 'SAME_DAY', '--json']);
    const parsed = JSON.parse(json.stdout) as {
      flow: { rules: { id: string }[] };
      params: { key: string }[];
    };
    expect(parsed.flow.rules[0]?.id).toBe('SAME_DAY');
    expect(parsed.params.map((param) => param.key)).toEqual(['label', 'from', 'to', 'tag']);
  });

  it('marks required parameters of EVENT_ORDER', async () => {
    const result = await runCli(['templates', 'show', 'EVENT_ORDER']);
    expect(result.stdout).toMatch(/from\s+string\s+필수/);
  });

  it('exits with code 2 on an unknown template', async () => {
    const result = await runCli(['templates', 'show', 'NOPE']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('NOPE');
    expect(result.stderr).not.toMatch(STACK_FRAME);
  });
});
