import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fusedEventStoreSuite } from './fusedEventStore.js';

const dir = mkdtempSync(join(tmpdir(), 'sitrep-fused-'));
let k = 0;
fusedEventStoreSuite('sqlite', async () => join(dir, `store-${k++}.db`));
