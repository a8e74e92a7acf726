// Preloaded (`node --import`) into the processes the memory benchmark measures, never into production:
// answers the benchmark's IPC messages with this process's memory figures and, when asked, writes a
// heap snapshot. The IPC channel exists only when the benchmark forked the process; it is unref'd so
// it never keeps the process alive on its own.
import { readFileSync } from 'node:fs';
import process from 'node:process';
import { getHeapSpaceStatistics, writeHeapSnapshot } from 'node:v8';

const MB = 1024 * 1024;
const mb = (bytes) => Math.round((bytes / MB) * 10) / 10;

/** Anonymous (heap, malloc), file-backed (mapped code and files) and shared parts of RSS; null off Linux. */
function rssParts() {
  try {
    const status = readFileSync('/proc/self/status', 'utf8');
    const field = (name) => {
      const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status);
      return match ? mb(Number(match[1]) * 1024) : null;
    };
    return { anon: field('RssAnon'), file: field('RssFile'), shmem: field('RssShmem') };
  } catch {
    return null;
  }
}

/** The figures of this process, after two full collections when `gc` (needs --expose-gc). */
function measure(gc) {
  if (gc) {
    globalThis.gc();
    globalThis.gc();
  }
  const usage = process.memoryUsage();
  const spaces = {};
  for (const space of getHeapSpaceStatistics()) {
    spaces[space.space_name] = { size: mb(space.space_size), used: mb(space.space_used_size) };
  }
  return {
    rss: mb(usage.rss),
    heapUsed: mb(usage.heapUsed),
    heapTotal: mb(usage.heapTotal),
    external: mb(usage.external),
    arrayBuffers: mb(usage.arrayBuffers),
    rssParts: rssParts(),
    spaces,
  };
}

if (process.send) {
  process.channel?.unref();
  process.on('message', (message) => {
    if (message?.type === 'memory') process.send({ type: 'memory', figures: measure(message.gc === true) });
    if (message?.type === 'heapSnapshot') {
      process.send({ type: 'heapSnapshot', file: writeHeapSnapshot(message.file) });
    }
  });
  process.send({ type: 'probeReady' });
}
