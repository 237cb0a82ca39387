import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const PLACES = ['Ashwan', 'Bel Harun', 'Corvale', 'Dunmir', 'Eskar', 'Farrow Bay', 'Gelten', 'Hasra'];
const ACTS = ['shelled', 'raided', 'blockaded', 'patrolled', 'bombed', 'surrounded'];

/**
 * Writes `count` distinct dump files of two invented stories each into `dir` (own texts: a
 * different place, actor and number per story, so no two stories are near-duplicates).
 */
export function writeGeneratedInputs(dir: string, count: number): void {
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < count; i++) {
    const story = (k: number) => {
      const place = PLACES[(i + k) % PLACES.length]!;
      const act = ACTS[(i * 3 + k) % ACTS.length]!;
      const n = i * 2 + k;
      return [
        `Fighters ${act} ${place} district in operation number ${n}`,
        '',
        `${place.toUpperCase()} (Reuters) - Armed fighters ${act} the ${place} district for the ${n}th day on Monday, residents said, in a campaign that officials numbered ${n * 7 + 3}.`,
        '',
        `Local officials said ${n % 9 + 2} people were hurt and ${n % 5 + 10} houses damaged in case ${n}, while aid group ${n * 13 % 97} asked for safe passage for convoy ${n * 31 % 89}.`,
        '',
        `A spokesman for the regional council said talks on item ${n} would resume once roads around ${place} reopened, ${i % 7 + 1} weeks after the file ${i} was first raised.`,
        '',
        `(Reporting by Writer ${n}; Editing by Editor ${i})`,
      ].join('\n');
    };
    writeFileSync(join(dir, `input_${String(i).padStart(4, '0')}.txt`), story(0) + '\n\n' + story(1) + '\n');
  }
}
