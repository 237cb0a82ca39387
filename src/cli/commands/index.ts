import type { Command } from '../Command.js';
import { controlCommand } from './control.js';
import { evalCommand } from './eval.js';
import { eventsCommand } from './events.js';
import { exportCommand } from './export.js';
import { extractCommand } from './extract.js';
import { gazetteerCommand } from './gazetteer.js';
import { ingestCommand } from './ingest.js';
import { searchCommand } from './search.js';
import { serveCommand } from './serve.js';
import { showCommand } from './show.js';
import { storiesCommand } from './stories.js';
import { workerCommand } from './worker.js';

/**
 * Every command the CLI knows, in the order `sitrep --help` lists them. A new command (serve,
 * events, search, control, export, worker, gazetteer import) is one module exporting a `Command`,
 * added here.
 */
export const COMMANDS: readonly Command[] = [
  ingestCommand,
  workerCommand,
  storiesCommand,
  showCommand,
  eventsCommand,
  searchCommand,
  controlCommand,
  exportCommand,
  serveCommand,
  extractCommand,
  evalCommand,
  gazetteerCommand,
];
