import './style.css';
import { api, type PlaceTimeline, type Points } from './api.js';
import { actorColor, typeColor } from './colors.js';
import { el } from './dom.js';
import { decodeBasemap, EventMap, type MapPoint } from './map.js';
import { clusterPanel, eventPanel, placePanel } from './panel.js';
import { readState, serverFilters, writeState, type ViewState } from './state.js';
import { Timeline } from './timeline.js';

const $ = <T extends Element>(sel: string) => document.querySelector<T>(sel)!;

const state: ViewState = readState(location.search);
// Every first-screen request leaves before anything else runs, in parallel: the server answers the
// whole-set queries from its cache, so none waits behind another, and the basemap downloads while
// the points are drawn.
const firstRequests = {
  points: api.points(serverFilters(state)),
  basemap: fetch('basemap.bin').then((r) => r.arrayBuffer()),
  summary: api.summary(),
  control: api.timelines(),
};
const map = new EventMap($<HTMLCanvasElement>('#map'));
const timeline = new Timeline($<SVGSVGElement>('#timeline'));
const panel = $<HTMLElement>('#panel');
const form = $<HTMLFormElement>('#filters');

let points: Points = { count: 0, types: [], id: [], lat: [], lon: [], date: [], type: [], fatalities: [] };
let places: PlaceTimeline[] = [];
let fitted = false;

/** Exposed for the browser tests and benchmarks: what is drawn, and whether data has arrived. */
declare global {
  interface Window { sitrep: { map: EventMap; loaded: boolean; state: ViewState } }
}
window.sitrep = { map, loaded: false, state };

function commit() {
  writeState(state);
}

/** The span the timeline shows: every event and control change. */
function extent(): [string, string] {
  // A scan, not a sort: this runs on the first screen over every point.
  let lo = '';
  let hi = '';
  const see = (d: string | null) => {
    if (!d) return;
    if (!lo || d < lo) lo = d;
    if (d > hi) hi = d;
  };
  for (const d of points.date) see(d);
  for (const p of places) for (const t of p.transitions) see(t.when.date);
  return [lo || '2000-01-01', hi || '2000-01-01'];
}

const inBrush = (d: string | null) => !state.from || (d !== null && d >= state.from && d <= state.to);

function eventMarkers(): MapPoint[] {
  const out: MapPoint[] = [];
  for (let i = 0; i < points.count; i++) {
    if (!inBrush(points.date[i]!)) continue;
    out.push({ lon: points.lon[i]!, lat: points.lat[i]!, color: typeColor(points.types[points.type[i]!]!), weight: points.fatalities[i] ?? 0, key: points.id[i]!, shape: 'circle' });
  }
  return out;
}

/** The interval covering `date` (intervals are in date order; the first has no start). */
function holderAt(p: PlaceTimeline, date: string) {
  let holder: string | null = null;
  for (const i of p.intervals) if (!i.from || i.from.date <= date) holder = i.holder;
  return holder;
}

function controlMarkers(): MapPoint[] {
  return places.flatMap((p, i) =>
    p.lat === null || p.lon === null ? [] : [{ lon: p.lon, lat: p.lat, color: actorColor(holderAt(p, state.date)), weight: 4, key: String(i), shape: 'diamond' as const, label: p.place }]);
}

function render() {
  document.body.dataset.mode = state.mode;
  for (const b of document.querySelectorAll<HTMLButtonElement>('.modes button')) b.setAttribute('aria-selected', String(b.dataset.mode === state.mode));
  const markers = state.mode === 'events' ? eventMarkers() : controlMarkers();
  map.setPoints(markers);
  if (!fitted && markers.length) {
    map.fitPoints();
    fitted = true;
  }
  renderLegend();
  renderStats(markers.length);
  timeline.mode = state.mode === 'control' ? 'pick' : 'brush';
  timeline.setBrush(state.mode === 'events' && state.from ? [state.from, state.to] : null);
  timeline.setPicked(state.mode === 'control' ? state.date : null);
}

/**
 * 12345 -> "12,345". Not toLocaleString: its first call loads the locale's number formats, about
 * a tenth of the first screen's main-thread time.
 */
const thousands = (n: number) => String(n).replace(/\B(?=(\d{3})+$)/g, ',');

function renderStats(shown: number) {
  let killed = 0;
  for (let i = 0; i < points.count; i++) if (inBrush(points.date[i]!)) killed += points.fatalities[i] ?? 0;
  const stats = $<HTMLElement>('#stats');
  stats.replaceChildren(
    state.mode === 'events'
      ? el('span', {}, el('b', {}, thousands(shown)), ' events · ', el('b', {}, thousands(killed)), ' killed')
      : el('span', {}, el('b', {}, String(shown)), ' places on ', el('b', {}, state.date)),
  );
  $<HTMLElement>('#timeline-label').textContent = state.mode === 'events'
    ? state.from ? `${state.from} – ${state.to} · drag to change, click to clear` : 'Events per period (bars) and killed (line) · drag to filter'
    : 'Click or drag to choose the date of the control map';
}

function renderLegend() {
  const legend = $<HTMLElement>('#legend');
  const entries = state.mode === 'events'
    ? points.types.map((t) => [t, typeColor(t)] as const)
    : [...new Set(places.map((p) => holderAt(p, state.date)))].map((h) => [h ?? 'unknown', actorColor(h)] as const);
  legend.replaceChildren(...entries.map(([label, c]) => el('span', { class: 'key', style: `--c:${c}` }, label)));
}

async function loadPoints(answer = api.points(serverFilters(state))) {
  points = await answer;
  timeline.setData(points.date, points.fatalities, extent());
  render();
}

async function openEvent(id: string) {
  state.ev = id;
  commit();
  panel.replaceChildren(el('div', { class: 'loading' }, 'Loading…'));
  try {
    const e = await api.event(id);
    panel.replaceChildren(eventPanel(e, closePanel));
    panel.querySelector('mark')?.scrollIntoView({ block: 'center' });
    panel.scrollTop = 0;
  } catch (err) {
    panel.replaceChildren(el('div', { class: 'error' }, String(err)));
  }
}

function closePanel() {
  state.ev = '';
  commit();
  panel.replaceChildren(el('div', { class: 'empty' }, 'Click a marker to read what happened and where it was reported.'));
}

map.onPick = (m) => {
  if (state.mode === 'control') {
    const p = places[Number(m.keys[0])];
    if (p) panel.replaceChildren(placePanel(p, extent(), state.date));
    return;
  }
  if (m.keys.length === 1) return void openEvent(m.keys[0]!);
  const index = new Map(points.id.map((id, i) => [id, i]));
  panel.replaceChildren(clusterPanel(m.keys, (id) => {
    const i = index.get(id)!;
    const type = points.types[points.type[i]!]!;
    const f = points.fatalities[i];
    return { label: `${points.date[i] ?? 'undated'} · ${type}${f ? ` · ${f} killed` : ''}`, color: typeColor(type) };
  }, (id) => void openEvent(id)));
};

timeline.onBrush = (range) => {
  [state.from, state.to] = range ?? ['', ''];
  commit();
  render();
};

timeline.onPick = (day) => {
  state.date = day;
  commit();
  render();
  const open = panel.querySelector<HTMLElement>('.place');
  const p = places.find((x) => x.id === open?.dataset.place);
  if (p) panel.replaceChildren(placePanel(p, extent(), state.date));
};

for (const b of document.querySelectorAll<HTMLButtonElement>('.modes button')) {
  b.addEventListener('click', () => {
    state.mode = b.dataset.mode === 'control' ? 'control' : 'events';
    commit();
    fitted = false;
    render();
  });
}

let typing = 0;
form.addEventListener('input', (e) => {
  const t = e.target as HTMLInputElement | HTMLSelectElement;
  if (!(t.name in state)) return;
  (state as unknown as Record<string, string>)[t.name] = t.value.trim();
  commit();
  clearTimeout(typing);
  // Text search waits for a pause in typing; selects apply at once.
  typing = window.setTimeout(() => void loadPoints(), t.name === 'q' ? 250 : 0);
});
form.addEventListener('submit', (e) => e.preventDefault());

$<HTMLButtonElement>('#zoom-in').addEventListener('click', () => map.zoom(2));
$<HTMLButtonElement>('#zoom-out').addEventListener('click', () => map.zoom(0.5));
$<HTMLButtonElement>('#zoom-fit').addEventListener('click', () => map.fitPoints());

function fillSelect(name: string, values: string[]) {
  const select = form.elements.namedItem(name) as HTMLSelectElement;
  const current = (state as unknown as Record<string, string>)[name] ?? '';
  if (current && !values.includes(current)) values = [current, ...values];
  select.append(...values.map((v) => el('option', { value: v }, v)));
  select.value = current;
}

async function start() {
  (form.elements.namedItem('q') as HTMLInputElement).value = state.q;
  // Markers, timeline and basemap are drawn in one frame, for the view fitted to the points: the
  // basemap drawn before the fit was drawn for the default view, then stretched, then drawn again;
  // drawn a frame after the markers, it waited a frame more (100-250 ms on a cold, loaded page).
  // A basemap that does not load leaves the markers on the sea.
  const [, basemap] = await Promise.all([loadPoints(firstRequests.points), firstRequests.basemap.then(decodeBasemap, () => null)]);
  if (basemap) map.setBasemap(basemap);
  const [summary, control] = await Promise.all([firstRequests.summary, firstRequests.control]);
  fillSelect('type', summary.by_type.map((t) => t.event_type));
  fillSelect('actor', summary.top_actors.map((a) => a.actor));
  fillSelect('country', summary.by_country.map((c) => c.country));
  places = control.places;
  // Control changes may widen the timeline (redrawn only then); the event map is unchanged by them.
  const span = extent();
  if (places.length) timeline.setData(points.date, points.fatalities, span);
  if (!state.date) state.date = span[1];
  if (state.mode === 'control') render();
  if (state.ev) void openEvent(state.ev);
  window.sitrep.loaded = true;
  document.body.dataset.loaded = 'true';
}

start().catch((err) => panel.replaceChildren(el('div', { class: 'error' }, `Could not load data: ${String(err)}`)));
