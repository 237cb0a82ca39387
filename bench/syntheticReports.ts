import type { SourcedEvent } from '../src/consolidate/types.js';
import type { CodedEvent } from '../src/core/types.js';

/**
 * Synthetic coded reports with realistic clustering, for fusion benchmarks: real events of ten
 * types in 3,000 towns over two years, each reported 1-8 times (first takes, updates, and
 * province-level weekly round-ups with vaguer places and dates), one report per story.
 * Deterministic for a given seed.
 * @example const { reports, truth } = syntheticReports(100_000); truth.get('story0#0') // 0
 */
export function syntheticReports(target: number, seed = 20170308): { reports: SourcedEvent[]; truth: Map<string, number>; real: number } {
  // mulberry32, so runs are comparable.
  const rnd = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  // 3,000 towns over Iraq and Syria, 60 provinces.
  const towns = Array.from({ length: 3000 }, (_, i) => ({
    name: `Town ${i}`, lat: 32 + rnd() * 5, lon: 36 + rnd() * 10, admin1: `Province ${i % 60}`, country: i % 2 ? 'IQ' : 'SY',
  }));
  const reports: SourcedEvent[] = [];
  const truth = new Map<string, number>(); // source key -> real event number
  let real = 0;
  let story = 0;
  while (reports.length < target) {
    const [event_type, sub_event_type] = pick(TYPES);
    const town = pick(towns);
    const day = DAY0 + Math.floor(rnd() * 730);
    const actor1 = pick(ACTORS);
    const killed = rnd() < 0.5 ? Math.floor(rnd() * 30) : null;
    const copies = 1 + Math.min(7, Math.floor(-Math.log(1 - rnd()) * 2)); // geometric-ish, mean ~2.7
    for (let c = 0; c < copies && reports.length < target; c++) {
      const roundup = c > 0 && rnd() < 0.2; // weekly round-up: province-level, week window
      const jitter = roundup ? 0 : (rnd() - 0.5) * 0.02;
      const ev: CodedEvent = {
        rule: 'bench', confidence: 0.5 + rnd() * 0.5, span: { start: 0, end: 80 },
        event_type, sub_event_type,
        actor1: rnd() < 0.15 ? 'Unidentified armed group' : actor1, actor2: null,
        location: roundup ? town.admin1 : town.name, country: town.country, admin1: town.admin1,
        lat: town.lat + jitter, lon: town.lon + jitter, geo_precision: roundup ? 3 : 1,
        date: iso(day), date_earliest: iso(roundup ? day - 3 : day), date_latest: iso(roundup ? day + 3 : day), time_precision: roundup ? 2 : 1,
        fatalities: killed === null ? null : killed + (rnd() < 0.3 ? Math.floor(rnd() * 5) : 0),
        fatalities_min: killed, fatalities_text: null, background: false, evidence: 'synthetic',
      };
      const s: SourcedEvent = { storyId: `story${story++}`, index: 0, pubDate: iso(day + c), event: ev };
      reports.push(s);
      truth.set(`${s.storyId}#0`, real);
    }
    real++;
  }
  return { reports, truth, real };
}

const TYPES = [
  ['Battles', 'Armed clash'], ['Battles', 'Government regains territory'],
  ['Explosions/Remote violence', 'Air/drone strike'], ['Explosions/Remote violence', 'Shelling/artillery/missile attack'],
  ['Explosions/Remote violence', 'Suicide bomb'], ['Explosions/Remote violence', 'Remote explosive/landmine/IED'],
  ['Violence against civilians', 'Attack'], ['Violence against civilians', 'Abduction/forced disappearance'],
  ['Strategic developments', 'Arrests'], ['Protests', 'Peaceful protest'],
] as const;
const ACTORS = ['Islamic State', 'Military Forces of Iraq', 'Military Forces of Syria', 'Syrian Democratic Forces', 'US-led coalition', 'Peshmerga', null];
const DAY0 = Date.UTC(2016, 0, 1) / 86_400_000;
const iso = (d: number) => new Date(d * 86_400_000).toISOString().slice(0, 10);
