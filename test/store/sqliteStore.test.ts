import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { storeSuite } from './storeSuite.js';

const dir = mkdtempSync(join(tmpdir(), 'sitrep-store-'));
let k = 0;
storeSuite('sqlite', async () => join(dir, `store-${k++}.db`));
