import { gzipSync } from 'node:zlib';
import type { Plugin, Rolldown } from 'vite';

type OutputBundle = Rolldown.OutputBundle;
type OutputChunk = Rolldown.OutputChunk;

/** The first-load budget of issue 7: JavaScript the browser needs before the first page renders. */
export const FIRST_LOAD_BUDGET_BYTES = 300 * 1024;

const isChunk = (file: OutputBundle[string] | undefined): file is OutputChunk => file?.type === 'chunk';

/** Entry chunks plus everything they import statically: what `index.html` loads before any lazy page. */
export function firstLoadFiles(bundle: OutputBundle): string[] {
  const seen = new Set<string>();
  const visit = (fileName: string): void => {
    const file = bundle[fileName];
    if (seen.has(fileName) || !isChunk(file)) return;
    seen.add(fileName);
    file.imports.forEach(visit);
  };
  Object.values(bundle)
    .filter((file): file is OutputChunk => file.type === 'chunk' && file.isEntry)
    .forEach((chunk) => visit(chunk.fileName));
  return [...seen];
}

const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;

/**
 * Prints the gzipped size of every JavaScript chunk and the first-load total after `vite build`,
 * and fails the build when the first load exceeds the budget.
 */
export function reportBundleSize(): Plugin {
  return {
    name: 'passwing-report-bundle-size',
    apply: 'build',
    generateBundle(_options, bundle) {
      const gzipped = new Map<string, number>();
      for (const file of Object.values(bundle)) {
        if (file.type === 'chunk') gzipped.set(file.fileName, gzipSync(file.code, { level: 9 }).length);
      }
      const firstLoad = firstLoadFiles(bundle as OutputBundle);
      const total = firstLoad.reduce((sum, name) => sum + (gzipped.get(name) ?? 0), 0);
      const rows = [...gzipped.entries()].sort((a, b) => b[1] - a[1]);
      const lines = rows.map(
        ([name, size]) => `  ${firstLoad.includes(name) ? '*' : ' '} ${kib(size).padStart(10)}  ${name}`,
      );
      this.info(
        [
          'JavaScript gzipped (* = first load):',
          ...lines,
          `  first load: ${kib(total)} of ${kib(FIRST_LOAD_BUDGET_BYTES)} budget`,
        ].join('\n'),
      );
      if (total > FIRST_LOAD_BUDGET_BYTES) this.error(`first load ${kib(total)} exceeds the budget`);
    },
  };
}
