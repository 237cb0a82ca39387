/** ACLED's six event types, each a colour that stays distinct on the pale basemap. */
const TYPE_COLORS: Record<string, string> = {
  Battles: '#d1495b',
  'Explosions/Remote violence': '#ed8b00',
  'Violence against civilians': '#8e3b8f',
  Protests: '#00798c',
  Riots: '#3d5a80',
  'Strategic developments': '#6a994e',
};

export const typeColor = (t: string) => TYPE_COLORS[t] ?? '#7a7a7a';

const PALETTE = ['#d1495b', '#00798c', '#edae49', '#3d5a80', '#6a994e', '#8e3b8f', '#f08a4b', '#4f6d7a', '#a44a3f', '#2a9d8f'];
const assigned = new Map<string, string>();

/** A stable colour per actor for the control view (first come, first served, then hashed). */
export function actorColor(actor: string | null): string {
  if (!actor) return '#b0b0b0';
  let c = assigned.get(actor);
  if (!c) {
    c = assigned.size < PALETTE.length ? PALETTE[assigned.size]! : PALETTE[[...actor].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) >>> 0, 7) % PALETTE.length]!;
    assigned.set(actor, c);
  }
  return c;
}
