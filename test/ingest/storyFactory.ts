/**
 * Synthetic wire stories written for the tests (no corpus text): varied enough that a dump of
 * many of them segments like a real one, deterministic for a given index.
 */
const PLACES = ['NORTHPORT', 'EASTVALE', 'KALDORA', 'MIRENZ', 'OSTRAVIN', 'TALMERE'];
const COUNTRIES = ['Testland', 'Republic of Exemplia', 'Samplestan'];
const VERBS = ['shelled', 'attacked', 'raided', 'bombed', 'besieged'];

/** One story of a few hundred bytes to ~2 KB (headline, dateline, body, credit line). */
export function story(k: number, paragraphs = 4): string {
  const place = PLACES[k % PLACES.length]!;
  const country = COUNTRIES[k % COUNTRIES.length]!;
  const verb = VERBS[k % VERBS.length]!;
  const body = [
    `${place}, ${country} (Reuters) - Gunmen ${verb} a police post on the edge of the city late on Monday, killing ${k % 17 + 2} officers, a security source said in report ${k}.`,
    ...Array.from({ length: paragraphs - 1 }, (_, p) =>
      `Witnesses said the attack number ${k}-${p} lasted about ${p + 2} hours and that ambulances carried ${(k * 7 + p) % 30} wounded people to the main hospital in the district.`),
  ];
  return [`Attack on police post ${k} kills officers in ${place.toLowerCase()} district`, ...body, '(Reporting by Lena Park; Editing by Tom Reyes)'].join('\n\n');
}
