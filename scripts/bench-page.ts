// Builds one of the renderer's benchmark pages (renderer/bench.html, renderer/bench-sync.html): a
// separate Vite input with the desk's own Vite config, never part of the desk's build.
import { join } from 'node:path';
import { build } from 'vite';

const ROOT = join(import.meta.dirname, '..');

export async function buildBenchPage(html: string, outDir: string): Promise<void> {
  await build({
    configFile: join(ROOT, 'vite.config.ts'),
    root: join(ROOT, 'renderer'),
    logLevel: 'warn',
    build: {
      outDir,
      emptyOutDir: true,
      sourcemap: false,
      minify: process.env['BENCH_MINIFY'] !== '0',
      rolldownOptions: { input: { bench: join(ROOT, 'renderer', html) } },
    },
  });
}
