import { after, before } from 'node:test';
import { startPostgres } from '../store/postgresServer.js';
import { fusedEventStoreSuite } from './fusedEventStore.js';

// The same suite as SQLite, against a real PostgreSQL server started for this file.
let server: Awaited<ReturnType<typeof startPostgres>>;
before(async () => {
  server = await startPostgres();
});
after(() => server.stop());
fusedEventStoreSuite('postgres', () => server.fresh());
