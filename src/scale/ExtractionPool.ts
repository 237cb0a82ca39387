import { Worker } from 'node:worker_threads';
import { loadDefaultStages, type StageOptions } from '../core/defaultStages.js';
import type { Article } from '../core/types.js';
import { sharedGazetteerBytes } from '../places/GazetteerLoader.js';
import type { StoryToSave } from '../store/Store.js';
import { extractStories } from './extractStories.js';

/** Extracts one input's articles into what the store saves (inline, or on a worker thread). */
export type Extractor = (articles: Article[]) => Promise<StoryToSave[]>;

/**
 * Worker threads running the pure pipeline: the main thread keeps reading and writing (one
 * writer), each worker extracts one input at a time. Articles go in and extractions come back
 * by structured clone (copies); the gazetteer's bytes are read once and shared by every thread.
 * @example
 * const pool = createExtractionPool(4);
 * const stories = await pool.extract(articles);
 * await pool.close();
 */
export interface ExtractionPool {
  /** Most threads run at once (they start as inputs wait for them). */
  readonly size: number;
  extract: Extractor;
  /** Stops the workers (inputs still being extracted are rejected). */
  close(): Promise<void>;
}

export interface ExtractionRequest {
  id: number;
  articles: Article[];
}

export type ExtractionReply = { id: number; stories: StoryToSave[] } | { id: number; error: string };

interface Task {
  id: number;
  articles: Article[];
  resolve: (stories: StoryToSave[]) => void;
  reject: (e: Error) => void;
}

// Compiled, the worker is the .js beside this file; run from sources (tsx), the .ts.
const FROM_SOURCES = import.meta.url.endsWith('.ts');
const WORKER_URL = new URL(`./extractionWorker${FROM_SOURCES ? '.ts' : '.js'}`, import.meta.url);

/** A thread running the worker entry (from sources, it registers tsx first: threads do not inherit it). */
function startWorker(workerData: StageOptions): Worker {
  if (!FROM_SOURCES) return new Worker(WORKER_URL, { workerData });
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const entry = JSON.stringify(WORKER_URL.href);
  return new Worker(`import(${tsx}).then((m) => { m.register(); return import(${entry}); })`, { eval: true, workerData });
}

export function createExtractionPool(size: number, stageOptions: StageOptions = {}): ExtractionPool {
  const waiting: Task[] = [];
  const idle: Worker[] = [];
  const running = new Map<Worker, Task>();
  let nextId = 0;
  let broken: Error | null = null;
  let closing = false;

  const workers: Worker[] = [];
  // the gazetteer file is read once, into shared memory every thread views (not one copy per thread)
  let shared: StageOptions | null = null;
  const dispatch = () => {
    // Threads start on demand: an ingest of one input loads the stages once, not once per thread.
    while (waiting.length > idle.length && workers.length < size) idle.push(spawn());
    while (idle.length > 0 && waiting.length > 0) {
      const worker = idle.pop()!;
      const task = waiting.shift()!;
      running.set(worker, task);
      worker.postMessage({ id: task.id, articles: task.articles } satisfies ExtractionRequest);
    }
  };
  const fail = (e: Error) => {
    broken ??= e;
    for (const task of [...running.values(), ...waiting.splice(0)]) task.reject(e);
    running.clear();
  };

  const spawn = () => {
    shared ??= { ...stageOptions, gazetteer: stageOptions.gazetteer ?? sharedGazetteerBytes(stageOptions.cacheDir) };
    const worker = startWorker(shared);
    worker.on('message', (reply: ExtractionReply) => {
      const task = running.get(worker);
      running.delete(worker);
      idle.push(worker);
      if (task) {
        if ('error' in reply) task.reject(new Error(`extraction failed in a worker thread: ${reply.error}`));
        else task.resolve(reply.stories);
      }
      dispatch();
    });
    worker.on('error', (e) => fail(e));
    worker.on('exit', (code) => {
      if (!closing) fail(new Error(`an extraction worker thread exited (code ${code})`));
    });
    workers.push(worker);
    return worker;
  };

  return {
    size,
    extract(articles) {
      if (broken) return Promise.reject(broken);
      return new Promise((resolve, reject) => {
        waiting.push({ id: nextId++, articles, resolve, reject });
        dispatch();
      });
    },
    async close() {
      closing = true;
      fail(new Error('the extraction pool was closed'));
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

/**
 * What `sitrep ingest` and `sitrep worker` extract with: a pool of `workers` threads, or for 1
 * the main thread itself (no thread start-up; the stages load here).
 */
export async function createExtractor(workers: number, stageOptions: StageOptions = {}): Promise<ExtractionPool> {
  if (workers > 1) return createExtractionPool(workers, stageOptions);
  const stages = await loadDefaultStages(stageOptions);
  return { size: 1, extract: async (articles) => extractStories(stages, articles), close: async () => {} };
}
