import react from '@vitejs/plugin-react';
import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string;
};

// The renderer: built to dist/renderer with relative asset paths, so the same files load from the
// Electron app:// protocol and from the hub's static server.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
  build: { outDir: '../dist/renderer', emptyOutDir: true, target: 'chrome120', sourcemap: true },
  server: {
    port: 5173,
    strictPort: true,
    // In development the page comes from Vite; the hub's routes are passed through to it.
    proxy: Object.fromEntries(
      ['/healthz', '/v1'].map((route) => [
        route,
        process.env['AKIMAT_HUB_URL'] ?? 'http://127.0.0.1:8470',
      ]),
    ),
  },
});
