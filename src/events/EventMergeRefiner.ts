import type { CodedEvent, ControlChange } from '../core/types.js';
import { FOCUS_PLACE, INCIDENTAL_PLACE, INFERRED_GAINER, KNOWN_EVENT, OWN_DAY, SITE } from './EventCoder.js';

/**
 * Merges the reports of one event within a story: wire copy restates the lead further down.
 * Distinct = different type, sub-type, place or day (ANNOTATION.md): two reports whose sentences
 * each name a different day ("battling on Friday", "killed on Thursday") stay two events even
 * when an uncertain publication date makes both windows overlap. The first report is kept; it
 * takes the day a later report names when it names none, the largest stated toll and the
 * reasons of the others.
 */
export function mergeEvents(events: CodedEvent[]): CodedEvent[] {
  const kept: CodedEvent[] = [];
  for (const e of events) {
    const same = kept.find((k) => k.event_type === e.event_type && k.sub_event_type === e.sub_event_type
      && k.location === e.location && k.background === e.background && overlaps(k, e) && !(ownDay(k) && ownDay(e) && k.date !== e.date));
    if (!same) { kept.push({ ...e }); continue; }
    // the report with the sharper date, or the first to name its day, states the day; not for
    // statements and claims, whose sentences date what they report ("said its fighters attacked on Friday")
    const namesDay = ownDay(e) && !ownDay(same) && same.event_type !== 'Strategic developments';
    if (e.time_precision < same.time_precision || namesDay) {
      same.date = e.date; same.date_earliest = e.date_earliest; same.date_latest = e.date_latest; same.time_precision = e.time_precision;
      if (namesDay) same.reasons = [...(same.reasons ?? []), OWN_DAY];
    }
    if (e.fatalities !== null && (same.fatalities === null || e.fatalities > same.fatalities)) {
      same.fatalities = e.fatalities; same.fatalities_min = e.fatalities_min; same.fatalities_text = e.fatalities_text;
    }
    same.actor2 ??= e.actor2;
    same.confidence = Math.max(same.confidence, e.confidence);
    same.reasons = [...(same.reasons ?? []), `merged with: ${e.evidence}`];
  }
  return kept;
}

/**
 * Reports that name no kind of event of their own: a toll ("12 people were killed") or a general
 * noun ("the attack", "the blast"). Beside a specific event of the story on an overlapping date
 * and nearby (the same place, within `NEAR_KM`, or no place of its own), a toll takes that
 * event's type and actors, and its place when its sentence names none; a general noun restates
 * it (dropped). Among several such events the toll goes to the one its victims fit, then the
 * one of its place and day, then the nearest report before it (wire copy gives the toll after
 * the event: "Police retook the district. The bodies of two gunmen lay outside the mosque.").
 * `general` holds the rule ids of such reports. Run before `mergeEvents`, which then joins the
 * tolls that share a place.
 */
export function attachGeneralReports(events: CodedEvent[], general: ReadonlySet<string>): CodedEvent[] {
  const specific = events.filter((e) => !general.has(e.rule));
  const out: CodedEvent[] = [];
  for (const e of events) {
    if (!general.has(e.rule)) { out.push(e); continue; }
    const restates = e.fatalities === null;
    const civilianToll = e.actor2?.startsWith('Civilians') ?? false;
    // a toll of civilians is not a battle's: beside only battles it stays an attack of its own
    // "Victims of Sunday's attack included ..., the Istanbul club said": the possessive day points back
    // at the story's event of that day; a place the sentence names only as what a noun belongs to ("the
    // Istanbul club") or where a victim came from ("a nurse from Kano") is not where that event was, so
    // it does not keep them apart. Any other place does.
    const known = restates && (e.reasons?.includes(KNOWN_EVENT) ?? false) && (e.reasons?.includes(INCIDENTAL_PLACE) ?? false);
    const hosts = specific.filter((k) => !k.background && !e.background && overlaps(k, e) && (known || (restates ? samePlace(k, e) : near(k, e)))
      && (restates || (LETHAL.has(k.event_type) && !(civilianToll && k.event_type === 'Battles')))
      // "bombings killed 31": an explosion's toll is vague in its sub-type only, never a battle's
      && (restates || e.event_type !== 'Explosions/Remote violence' || k.event_type === e.event_type));
    // by victims first (a toll of fighters belongs to the fighting, a toll of civilians to what
    // strikes them), then the same place, then the same day
    const placed = ownPlace(e);
    const rank = (k: CodedEvent) => (restates || (k.event_type === 'Battles') !== civilianToll ? 0 : 4)
      + (placed && k.location !== e.location ? 2 : 0) + (e.date === k.date ? 0 : 1) + textGap(k, e) / 1e7;
    const host = hosts.sort((a, b) => rank(a) - rank(b))[0];
    if (!host) { out.push(e); continue; }
    if (restates) {
      host.reasons = [...(host.reasons ?? []), `restated by: ${e.evidence}`];
      continue;
    }
    // the host's actor is the type's; a toll that names its own keeps it when the host names none
    const where = placed ? {} : { location: host.location, country: host.country, admin1: host.admin1, lat: host.lat, lon: host.lon, geo_precision: host.geo_precision };
    out.push({ ...e, event_type: host.event_type, sub_event_type: host.sub_event_type, actor1: host.actor1 ?? e.actor1, actor2: e.actor2 ?? host.actor2, ...where,
      reasons: [...(e.reasons ?? []), `type and actors${placed ? '' : ' and place'} from the event it reports the toll of: ${host.evidence}`] });
  }
  return out;
}

const ownDay = (e: CodedEvent) => e.reasons?.includes(OWN_DAY) ?? false;
const NEAR_KM = 50;
const ownPlace = (e: CodedEvent) => !(e.reasons?.some((r) => r.startsWith(FOCUS_PLACE)) ?? false);
/** Characters from the host's report to the toll's; a host reported after the toll counts as far. */
const textGap = (host: CodedEvent, toll: CodedEvent) => (host.span.end <= toll.span.start ? toll.span.start - host.span.end : 1e5 + host.span.start - toll.span.end);
const LETHAL = new Set(['Battles', 'Explosions/Remote violence', 'Violence against civilians']);
/** Same place, or the report has no place of its own (story focus, country). */
const samePlace = (a: CodedEvent, b: CodedEvent) => a.location === b.location || b.geo_precision === 3 || b.lat === null;
function near(a: CodedEvent, b: CodedEvent): boolean {
  if (samePlace(a, b)) return true;
  if (a.lat === null || a.lon === null || b.lat === null || b.lon === null) return false;
  const r = Math.PI / 180;
  const h = Math.sin(((b.lat - a.lat) * r) / 2) ** 2 + Math.cos(a.lat * r) * Math.cos(b.lat * r) * Math.sin(((b.lon - a.lon) * r) / 2) ** 2;
  return 12742 * Math.asin(Math.sqrt(h)) <= NEAR_KM;
}

/** Same day, or one report's window holds the other's day (an undated restatement of a dated event). */
const overlaps = (a: CodedEvent, b: CodedEvent) =>
  a.date === b.date || (!!a.date_earliest && !!a.date_latest && !!b.date_earliest && !!b.date_latest
    && (a.time_precision > 1 || b.time_precision > 1) && a.date_earliest <= b.date_latest && b.date_earliest <= a.date_latest);

/**
 * One change of control per place and new holder within a few days in a story: wire copy restates
 * the lead ("rebels took P on Thursday" ... "the army said on Friday that rebels had taken P").
 * The first report stands, with the sharper date of the two. Two sites named by common nouns are
 * the same place when their head noun is ("the museum", "the Mosul museum"). A change whose new
 * holder was only inferred ("IS was driven from P") yields to one of the same place within a few
 * days that names it ("rebels took P").
 */
export function mergeControlChanges(changes: ControlChange[]): ControlChange[] {
  const named = changes.filter((c) => !c.reasons?.includes(INFERRED_GAINER));
  const kept: ControlChange[] = [];
  for (const c of changes) {
    if (c.reasons?.includes(INFERRED_GAINER) && named.some((n) => n.place === c.place && n.background === c.background && withinDays(n, c, 3))) continue;
    // history is told with vaguer dates ("in 2014", "June 10, 2014"): overlapping windows are one change
    const same = kept.find((k) => sameControlPlace(k, c) && k.to_actor === c.to_actor && k.background === c.background
      && (k.background ? windowsOverlap(k, c) : withinDays(k, c, 3)));
    if (!same) { kept.push({ ...c }); continue; }
    if (c.time_precision < same.time_precision) {
      same.date = c.date; same.date_earliest = c.date_earliest; same.date_latest = c.date_latest; same.time_precision = c.time_precision;
    }
    same.reasons = [...(same.reasons ?? []), `merged with: ${c.evidence}`];
  }
  return kept;
}

const headNoun = (c: ControlChange) => c.place.toLowerCase().split(/\s+/).pop();
const isSite = (c: ControlChange) => c.reasons?.includes(SITE) ?? false;
const sameControlPlace = (a: ControlChange, b: ControlChange) => a.place === b.place
  || ((isSite(a) || isSite(b)) && headNoun(a) === headNoun(b) && Math.abs((a.lat ?? 0) - (b.lat ?? 0)) < 0.2 && Math.abs((a.lon ?? 0) - (b.lon ?? 0)) < 0.2);

const windowsOverlap = (a: ControlChange, b: ControlChange) => !!a.date_earliest && !!a.date_latest && !!b.date_earliest && !!b.date_latest
  && a.date_earliest <= b.date_latest && b.date_earliest <= a.date_latest;
const dayOf = (d: string | null) => (d ? Math.round(Date.parse(`${d}T00:00:00Z`) / 86400000) : NaN);
const withinDays = (a: ControlChange, b: ControlChange, n: number) => Math.abs(dayOf(a.date) - dayOf(b.date)) <= n;
