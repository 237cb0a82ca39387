import { defineConfig } from 'vite';

// The dashboard is served by `sitrep serve` from dist/web; everything (code, styles) is bundled,
// nothing is fetched from the internet at run time. The basemap is served by the API process.
export default defineConfig({
  root: new URL('.', import.meta.url).pathname,
  base: './',
  logLevel: 'warn',
  build: {
    outDir: new URL('../dist/web', import.meta.url).pathname,
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
  },
});
