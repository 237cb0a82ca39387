/** The view's state, kept in the URL query so a view can be shared by copying the address. */
export interface ViewState {
  mode: 'events' | 'control';
  q: string;
  type: string;
  actor: string;
  country: string;
  /** Brushed time range (inclusive ISO dates), or empty. */
  from: string;
  to: string;
  /** Control view: the day whose holders are shown. */
  date: string;
  /** Open event id. */
  ev: string;
}

const KEYS: (keyof ViewState)[] = ['mode', 'q', 'type', 'actor', 'country', 'from', 'to', 'date', 'ev'];

export function readState(search: string): ViewState {
  const p = new URLSearchParams(search);
  const s = Object.fromEntries(KEYS.map((k) => [k, p.get(k) ?? ''])) as unknown as ViewState;
  s.mode = s.mode === 'control' ? 'control' : 'events';
  return s;
}

export function writeState(s: ViewState): void {
  const p = new URLSearchParams();
  for (const k of KEYS) if (s[k] && !(k === 'mode' && s[k] === 'events')) p.set(k, s[k]);
  const qs = p.toString();
  history.replaceState(null, '', qs ? `?${qs}` : location.pathname);
}

/** Filters the server applies (the time range is applied in the browser: brushing is instant). */
export const serverFilters = (s: ViewState) => ({ q: s.q, type: s.type, actor: s.actor, country: s.country });
