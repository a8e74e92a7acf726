// A process the memory benchmark measures: forked with memory-probe.js preloaded, so its figures come
// from `process.memoryUsage()` inside it over the IPC channel (no HTTP route, no env-guarded hook).
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const PROBE = fileURLToPath(new URL('./memory-probe.js', import.meta.url));

/** What memory-probe.js reports, in MB. */
export interface MemoryFigures {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  /** C++ objects bound to JS objects, including `arrayBuffers` (Buffers, typed arrays). */
  external: number;
  arrayBuffers: number;
  /** Linux: RSS split into anonymous memory (JS heap, malloc) and file-backed pages (code, mapped files). */
  rssParts: { anon: number | null; file: number | null; shmem: number | null } | null;
  /** V8 heap spaces: reserved size and used size. */
  spaces: Record<string, { size: number; used: number }>;
}

type ProbeMessage =
  | { type: 'probeReady' }
  | { type: 'memory'; figures: MemoryFigures }
  | { type: 'heapSnapshot'; file: string };

export interface MeasuredProcess {
  readonly child: ChildProcess;
  /** The first stdout match of each ready pattern, in order. */
  readonly ready: RegExpExecArray[];
  /** Memory figures now; after two forced full collections when `gc`. */
  memory(gc: boolean): Promise<MemoryFigures>;
  /** Writes a V8 heap snapshot (the process pauses meanwhile) and resolves with its path. */
  heapSnapshot(file: string): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Starts `node --expose-gc --import memory-probe.js <script> <args>` and resolves once every pattern
 * has matched a line of its stdout (the rest of stdout is drained and dropped: a production process
 * logs there). `--expose-gc` only makes `gc()` callable; nothing calls it unless asked to.
 */
export async function startMeasuredProcess(options: {
  name: string;
  script: string;
  args?: string[];
  env?: Record<string, string>;
  readyPatterns: RegExp[];
  timeoutMs?: number;
}): Promise<MeasuredProcess> {
  const child = fork(options.script, options.args ?? [], {
    execArgv: ['--expose-gc', '--import', PROBE],
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const ready = await new Promise<RegExpExecArray[]>((resolve, reject) => {
    const matches: RegExpExecArray[] = [];
    let pending = '';
    const timer = setTimeout(
      () => reject(new Error(`${options.name} did not start within ${options.timeoutMs ?? 60_000} ms`)),
      options.timeoutMs ?? 60_000,
    );
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`${options.name} exited with ${code} before it was ready`));
    };
    child.once('exit', onExit);
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      if (matches.length === options.readyPatterns.length) return;
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const match = options.readyPatterns[matches.length]?.exec(line);
        if (match) matches.push(match);
        if (matches.length === options.readyPatterns.length) {
          clearTimeout(timer);
          child.off('exit', onExit);
          resolve(matches);
          return;
        }
      }
    });
  });

  const ask = <T extends ProbeMessage['type']>(
    message: object,
    answer: T,
  ): Promise<Extract<ProbeMessage, { type: T }>> =>
    new Promise((resolve, reject) => {
      const onMessage = (reply: ProbeMessage) => {
        if (reply.type !== answer) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(reply as Extract<ProbeMessage, { type: T }>);
      };
      const onExit = (code: number | null) => reject(new Error(`${options.name} exited with ${code}`));
      child.on('message', onMessage);
      child.once('exit', onExit);
      child.send(message);
    });

  return {
    child,
    ready,
    memory: async (gc) => (await ask({ type: 'memory', gc }, 'memory')).figures,
    heapSnapshot: async (file) => (await ask({ type: 'heapSnapshot', file }, 'heapSnapshot')).file,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
