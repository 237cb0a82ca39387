/** Shapes the dashboard reads from the sitrep API (a subset of each answer). */

export interface Points {
  count: number;
  types: string[];
  id: string[];
  lat: number[];
  lon: number[];
  date: (string | null)[];
  type: number[];
  fatalities: (number | null)[];
}

export interface Summary {
  events: number;
  fatalities: number;
  first_date: string | null;
  last_date: string | null;
  stories: number;
  by_type: { event_type: string; events: number }[];
  by_country: { country: string; events: number }[];
  top_actors: { actor: string; events: number }[];
}

export interface Source {
  event_id: string;
  story_id: string;
  headline: string;
  file: string;
  pub_date: string | null;
  url: string | null;
  evidence: string;
  span: { start: number; end: number };
  text: string;
}

export interface EventDetail {
  id: string;
  event_type: string;
  sub_event_type: string;
  actor1: string | null;
  actor2: string | null;
  location: string | null;
  country: string | null;
  admin1: string | null;
  date: string | null;
  date_earliest: string | null;
  date_latest: string | null;
  time_precision: number;
  fatalities: number | null;
  fatalities_text: string | null;
  sources: Source[];
}

/** A change of control as consolidation fuses it (/api/control/timelines). */
export interface ControlTransition {
  from_actor: string | null;
  to_actor: string | null;
  when: { date: string; earliest: string; latest: string };
  sources: { storyId: string; headline?: string; pubDate?: string; change: { evidence: string } }[];
  conflicts: string[];
}

export interface ControlInterval {
  holder: string | null;
  from: { date: string } | null;
  to: { date: string } | null;
}

export interface PlaceTimeline {
  id: string;
  place: string;
  country: string | null;
  lat: number | null;
  lon: number | null;
  transitions: ControlTransition[];
  intervals: ControlInterval[];
}

async function get<T>(path: string, params: Record<string, string | undefined> = {}): Promise<T> {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) qs.set(k, v);
  const url = qs.size ? `${path}?${qs}` : path;
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: ${r.status} ${(await r.text()).slice(0, 200)}`);
  return (await r.json()) as T;
}

export const api = {
  points: (f: Record<string, string | undefined>) => get<Points>('api/events/points', f),
  summary: () => get<Summary>('api/summary'),
  event: (id: string) => get<EventDetail>(`api/events/${encodeURIComponent(id)}`),
  timelines: () => get<{ places: PlaceTimeline[] }>('api/control/timelines'),
};
