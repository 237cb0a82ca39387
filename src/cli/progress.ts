import type { Output } from './Command.js';

/**
 * Ingest progress. On a terminal: one redrawn line with a bar, stories/s and an ETA (from the
 * share of inputs done). Elsewhere (logs, pipes): one plain line per input, nothing redrawn.
 * The clock is passed in so the rendering is testable.
 */
export interface Progress {
  /** An input finished: `line` is its plain-text report, `stories` how many it held. */
  input(line: string, stories: number): void;
  /** Clears the bar (if any) so a summary can follow. */
  done(): void;
}

export function createProgress(out: Output, totalInputs: number | null, now: () => number = Date.now): Progress {
  const start = now();
  let inputs = 0;
  let stories = 0;
  let lastDraw = -Infinity;
  if (!out.isTTY) {
    return { input: (line) => void out.write(line + '\n'), done: () => {} };
  }
  const draw = () => {
    const seconds = (now() - start) / 1000;
    const rate = seconds > 0 ? stories / seconds : 0;
    const share = totalInputs ? Math.min(1, inputs / totalInputs) : 0;
    const eta = share > 0 && share < 1 ? formatDuration((seconds / share) * (1 - share)) : '--:--';
    const width = 24;
    const filled = Math.round(share * width);
    const bar = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
    const line = `${bar} ${inputs}/${totalInputs ?? '?'} inputs  ${stories} stories  ${rate.toFixed(0)} stories/s  ETA ${eta}`;
    out.write(`\r${line.slice(0, (out.columns ?? 100) - 1)}\x1b[K`);
  };
  return {
    input(_line, n) {
      inputs++;
      stories += n;
      // Redraw at most 10 times a second: a terminal is slower than a fast ingest.
      if (now() - lastDraw >= 100 || inputs === totalInputs) {
        lastDraw = now();
        draw();
      }
    },
    done() {
      draw();
      out.write('\r\x1b[K');
    },
  };
}

/** 75 → "1:15", 3700 → "1:01:40" */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}
