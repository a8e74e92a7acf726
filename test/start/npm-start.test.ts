import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The first-run experience: `passwing start` with no Cafe24 credentials starts PassWing and the
 * sandbox demo mall, installs itself through OAuth and the demo mall's order list shows labelled
 * orders.
 */
describe('passwing start (no Cafe24 credentials)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'passwing-start-'));
  let child: ChildProcess | undefined;

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints where to open it and shows labelled orders in the sandbox order list', async () => {
    child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'start'], {
      env: {
        ...process.env,
        PORT: '0',
        SANDBOX_PORT: '0',
        PASSWING_DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
        SANDBOX_ORDERS_PER_MINUTE: '60',
        CAFE24_CLIENT_ID: '',
        CAFE24_CLIENT_SECRET: '',
        DATABASE_URL: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const deadline = Date.now() + 60_000;
    let listUrl: string | undefined;
    while (!listUrl && Date.now() < deadline) {
      listUrl = /(http:\/\/127\.0\.0\.1:\d+\/demo-mall\/admin\/order\/list)/.exec(output)?.[1];
      if (child.exitCode !== null) throw new Error(`passwing start exited early:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(listUrl, output).toBeDefined();
    expect(output).toMatch(/패스윙 PassWing {2}http:\/\/127\.0\.0\.1:\d+\//);
    expect(output).toMatch(/\/cafe24\/launch\?/);

    let labelled: { order_id: string; labels: string[] }[] = [];
    while (labelled.length === 0 && Date.now() < deadline) {
      const response = await fetch(listUrl!, { headers: { accept: 'application/json' } });
      const body = (await response.json()) as { orders: { order_id: string; labels: string[] }[] };
      labelled = body.orders.filter((order) => order.labels.length > 0);
      if (labelled.length === 0) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(labelled.length, output).toBeGreaterThan(0);
    // The demo flows label in Korean.
    expect(labelled.flatMap((order) => order.labels).some((label) => /[가-힣]/.test(label))).toBe(true);
  });
});
