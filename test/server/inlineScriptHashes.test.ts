import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { inlineScriptHashes } from '../../src/server/app.js';

const sha = (code: string) => `'sha256-${createHash('sha256').update(code, 'utf8').digest('base64')}'`;

test('the CSP allows each script written inside the page by its hash, and no script loaded by src', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-csp-'));
  try {
    const code = 'const a = "<\\/script>"; console.log(a);';
    const page = join(dir, 'index.html');
    writeFileSync(page, `<!doctype html><head><script type="module">${code}</script><script src="./x.js"></script></head><body><script>\n1;\n</script></body>`);
    assert.deepEqual(inlineScriptHashes(page), [sha(code), sha('\n1;\n')]);
    writeFileSync(page, '<!doctype html><script type="module" src="./a.js"></script>');
    assert.deepEqual(inlineScriptHashes(page), []);
    assert.deepEqual(inlineScriptHashes(join(dir, 'missing.html')), [], 'no built dashboard: nothing inline to allow');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
