import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { reportBundleSize } from './scripts/report-bundle-size.js';

const webRoot = fileURLToPath(new URL('.', import.meta.url));

/** The console is served by PassWing under `/app/`; `npx vite build --config web/vite.config.ts`. */
export default defineConfig({
  root: webRoot,
  base: '/app/',
  plugins: [react(), reportBundleSize()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
