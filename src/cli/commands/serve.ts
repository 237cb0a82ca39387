import { inputFromBytes } from '../../ingest/readInputs.js';
import { createExtractor } from '../../scale/ExtractionPool.js';
import { ingestInputs, type IngestOutcome } from '../../scale/IngestRunner.js';
import { startServer } from '../../server/startServer.js';
import { openStore } from '../../store/Store.js';
import { integerOption, stringOption } from '../args.js';
import type { Command } from '../Command.js';
import { DB_OPTION, storeTarget } from '../storeTarget.js';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'the HTTP API and the dashboard over the store (loopback and read-only by default)',
  args: '',
  options: {
    db: DB_OPTION,
    port: { type: 'string', value: 'N', description: 'port to listen on (default 8080; 0 picks a free one)' },
    host: { type: 'string', value: 'ADDRESS', description: 'address to bind (default 127.0.0.1: only this machine)' },
    'allow-ingest': { type: 'boolean', description: 'accept POST /api/ingest (a text, JSON, CSV or HTML body is ingested as one input)' },
  },
  details: [
    'Open the printed address in a browser: a map of events, a timeline, the control view and the',
    'evidence reader. The API is described at /openapi.json. Stops on Ctrl-C (SIGINT) or SIGTERM.',
    'example: sitrep serve --port 8080',
  ].join('\n'),
  async run(ctx, parsed) {
    const db = storeTarget(ctx, parsed);
    const allowIngest = parsed.values['allow-ingest'] === true;
    const writer = allowIngest ? await ingestOverHttp(db) : null;
    const server = await startServer({
      db,
      port: integerOption('serve', parsed, 'port') ?? 8080,
      host: stringOption(parsed, 'host'),
      allowIngest,
      ...(writer ? { ingest: writer.ingest } : {}),
    });
    ctx.stdout.write(`sitrep: dashboard and API at ${server.url} (${allowIngest ? 'ingest allowed' : 'read-only'}); Ctrl-C stops\n`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await server.close();
    await writer?.close();
    return 0;
  },
};

/** The store writer behind POST /api/ingest: the same path as `sitrep ingest`, one input at a time. */
async function ingestOverHttp(db: string) {
  const store = await openStore(db);
  const extractor = await createExtractor(1);
  return {
    async ingest(file: string, text: string) {
      const outcomes: IngestOutcome[] = [];
      const input = await inputFromBytes(file, Buffer.from(text, 'utf8'));
      await ingestInputs((async function* () { yield input; })(), store, { extract: extractor.extract, inFlight: 1, onInput: (o) => outcomes.push(o) });
      const o = outcomes[0]!;
      if ('failed' in o) return { status: 'failed', error: o.failed.message };
      if ('skipped' in o) return { status: 'already stored' };
      return { status: 'stored', stories: o.saved.stories, duplicates: o.saved.duplicates };
    },
    async close() {
      await extractor.close();
      await store.close();
    },
  };
}
