/**
 * What the first screen is: event markers on the map, the timeline histogram and the basemap, all
 * drawn. Each is marked (performance.mark) the first time it is drawn, and `first-screen` when the
 * last of them is: the benchmark reads these marks beside the navigation and resource timings.
 */
const FIRST_SCREEN = ['markers', 'timeline', 'basemap'] as const;

const marked = (name: string) => performance.getEntriesByName(name, 'mark').length > 0;

/** Marks `part` of the first screen as drawn (once), and the first screen when it is complete. */
export function drawn(part: (typeof FIRST_SCREEN)[number]): void {
  if (marked(part)) return;
  performance.mark(part);
  if (FIRST_SCREEN.every(marked)) performance.mark('first-screen');
}
