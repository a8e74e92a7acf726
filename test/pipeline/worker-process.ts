import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A `passwing web` or `passwing worker` child process (the real CLI, through tsx). */
export interface RoleProcess {
  readonly role: 'web' | 'worker';
  readonly child: ChildProcess;
  /** What it wrote to stderr (for failure messages). */
  stderr(): string;
  /** Resolves with the exit code or signal once the process has exited. */
  exited: Promise<number | NodeJS.Signals | null>;
  alive(): boolean;
  /** kill -9: no graceful shutdown, in-flight jobs keep their lease until it runs out. */
  kill9(): Promise<void>;
  /** SIGTERM and wait for the graceful exit. */
  stop(): Promise<void>;
}
/** The worker role's process (kept as its own name for the crash tests). */
export type WorkerProcess = RoleProcess;

/** Starts `node --import tsx src/cli/main.ts <role>` with exactly the given environment (plus PATH). */
export function startRoleProcess(role: 'web' | 'worker', env: Record<string, string>): RoleProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', role], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4000);
  });
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? code)),
  );
  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    role,
    child,
    stderr: () => stderr,
    exited,
    alive,
    async kill9() {
      if (alive()) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (alive()) child.kill('SIGTERM');
      await exited;
    },
  };
}

export function startWorkerProcess(env: Record<string, string>): WorkerProcess {
  return startRoleProcess('worker', env);
}
