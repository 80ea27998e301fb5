import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';

// Builds the Electron main process (`--mode main`) and the preload (`--mode preload`) as CommonJS,
// one self-contained file each: a sandboxed preload cannot require other files. `--mode after-pack`
// builds electron-builder's afterPack hook (the fuses) to dist/build, which is not shipped.
const ENTRIES = {
  main: 'electron/main/main.ts',
  preload: 'electron/preload/preload.ts',
  'after-pack': 'electron/packaging/after-pack.ts',
} as const;

export default defineConfig(({ mode }) => {
  const name = mode === 'preload' ? 'preload' : mode === 'after-pack' ? 'after-pack' : 'main';
  return {
    build: {
      outDir: name === 'after-pack' ? 'dist/build' : 'dist/electron',
      emptyOutDir: false,
      target: 'node20',
      ssr: true,
      minify: false,
      sourcemap: true,
      rollupOptions: {
        input: { [name]: ENTRIES[name] },
        external: ['electron', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)],
        output: { format: 'cjs', entryFileNames: '[name].cjs', inlineDynamicImports: true },
      },
    },
    ssr: { noExternal: true },
  };
});
