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

/**
 * Puts the bundle's script and stylesheet into index.html: the page then needs no request before
 * its script can run, which on a cold first screen (new browser, new server) came back 300-500 ms
 * after the HTML. The server allows the inline script by its hash (src/server/app.ts).
 */
function inlineBundle(): Plugin {
  return {
    name: 'sitrep-inline-bundle',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const html = bundle['index.html'];
      if (!html || html.type !== 'asset') return;
      let page = String(html.source);
      for (const [name, file] of Object.entries(bundle)) {
        const ref = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        if (file.type === 'chunk' && file.isEntry) {
          // `</script` inside the code would end the element early; `<\/script` means the same in JS.
          const code = file.code.replace(/<\/(script)/gi, '<\\/$1');
          page = page.replace(new RegExp(`<script type="module" crossorigin src="\\./${ref}"></script>`), () => `<script type="module">${code}</script>`);
          delete bundle[name];
        } else if (file.type === 'asset' && name.endsWith('.css')) {
          page = page.replace(new RegExp(`<link rel="stylesheet" crossorigin href="\\./${ref}">`), () => `<style>${String(file.source)}</style>`);
          delete bundle[name];
        }
      }
      if (/<script[^>]* src=|<link rel="stylesheet"/.test(page)) this.error('index.html still links the bundle: the inlining patterns no longer match Vite\'s output');
      html.source = page;
    },
  };
}

// The dashboard is served by `sitrep serve` from dist/web; everything (code, styles, basemap) is
// bundled, nothing is fetched from the internet at run time.
export default defineConfig({
  root: here('.'),
  base: './',
  logLevel: 'warn',
  plugins: [basemap(), inlineBundle()],
  build: {
    outDir: here('../dist/web'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // The inlined script loads nothing else: no module preloading to polyfill.
    modulePreload: { polyfill: false },
  },
});
