import { parentPort, workerData } from 'node:worker_threads';
import { loadDefaultStages, type StageOptions } from '../core/defaultStages.js';
import { extractStories } from './extractStories.js';
import type { ExtractionReply, ExtractionRequest } from './ExtractionPool.js';

/**
 * A worker thread of `ExtractionPool`: loads the stages once, then extracts each input it is
 * sent. Messages posted while the stages load wait in the port until the listener starts it.
 */
const port = parentPort!;
const stages = await loadDefaultStages(workerData as StageOptions);
port.on('message', ({ id, articles }: ExtractionRequest) => {
  let reply: ExtractionReply;
  try {
    reply = { id, stories: extractStories(stages, articles) };
  } catch (e) {
    reply = { id, error: (e as Error).stack ?? String(e) };
  }
  port.postMessage(reply);
});
