import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './repoRoot.js';
import { runCli } from './runCli.js';

test('gazetteer import adds a GeoNames village that extract then resolves; a bad file is named', () => {
  const cache = mkdtempSync(join(tmpdir(), 'sitrep-gaz-'));
  const fixtures = join(repoRoot(), 'test', 'places', 'fixtures');
  try {
    const env = { SITREP_CACHE: cache };
    const r = runCli(['gazetteer', 'import', join(fixtures, 'SY.txt'), join(fixtures, 'admin1CodesASCII.txt')], { env });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /SY\.txt: \d+ geonames rows/);
    assert.match(r.stdout, /gazetteer rebuilt/);

    const story = join(cache, 'story.txt');
    writeFileSync(story, [
      'Shelling hits village in eastern Syria',
      '',
      'BEIRUT (Reuters) - Artillery shells struck the village of Khirbet el-Ghazal in eastern Syria on Monday, a monitoring group said.',
      '',
      '(Reporting by A. Writer; Editing by B. Editor)',
    ].join('\n'));
    const x = runCli(['extract', story, '--json'], { env });
    assert.equal(x.code, 0, x.stderr);
    const place = (JSON.parse(x.stdout) as { articles: { toponyms: { text: string; lat: number; lon: number }[] }[] }).articles[0]!.toponyms
      .find((t) => t.text === 'Khirbet el-Ghazal');
    assert.deepEqual([place?.lat, place?.lon], [35.1, 40.3]);

    const bad = join(cache, 'broken.txt');
    writeFileSync(bad, 'this is not a geonames table\n');
    const e = runCli(['gazetteer', 'import', bad], { env });
    assert.equal(e.code, 1);
    assert.match(e.stderr, /broken\.txt/);

    assert.equal(runCli(['gazetteer', 'export'], { env }).code, 2);
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
});
