import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import { packBasemap } from '../src/server/basemapBinary.js';

const here = (p: string) => new URL(p, import.meta.url).pathname;

/**
 * Writes basemap.bin (resources/basemap/admin1.topo.json, projected and packed) beside the
 * bundle, and basemap.bin.gz, which the server sends as it is instead of compressing at run time.
 */
function basemap(): Plugin {
  return {
    name: 'sitrep-basemap',
    generateBundle() {
      const topo = JSON.parse(readFileSync(here('../resources/basemap/admin1.topo.json'), 'utf8')) as Parameters<typeof packBasemap>[0];
      const packed = packBasemap(topo);
      this.emitFile({ type: 'asset', fileName: 'basemap.bin', source: packed });
      this.emitFile({ type: 'asset', fileName: 'basemap.bin.gz', source: gzipSync(packed, { level: 9 }) });
    },
  };
}

// The dashboard is served by `sitrep serve` from dist/web; everything (code, styles, basemap) is
// bundled, nothing is fetched from the internet at run time.
export default defineConfig({
  root: here('.'),
  base: './',
  logLevel: 'warn',
  plugins: [basemap()],
  build: {
    outDir: here('../dist/web'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
  },
});
