import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const FIXTURES = join(ROOT, 'test/fixtures/replay');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `passwing …` as a real process (`node --import tsx src/cli/main.ts …`). */
export function runCli(args: string[]): Promise<CliResult> {
  return new Promise((resolvePromise) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), ...args],
      { cwd: ROOT, timeout: 60_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolvePromise({ code, stdout, stderr });
      },
    );
  });
}

/** Writes `content` to a fresh temporary file and returns its path. */
export async function tempFile(name: string, content: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'passwing-cli-'));
  const file = join(dir, name);
  await writeFile(file, content);
  return file;
}

/** Parses NDJSON output into objects. */
export const parseNdjson = <T>(text: string): T[] =>
  text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);

/** A Node stack frame line in the output means an error escaped unhandled. */
export const STACK_FRAME = /^\s+at .+(\(|:\d+:\d+)/m;
