import type { Iso2, PlaceKind, Toponym } from '../core/types.js';
import type { Compass, Place } from './Gazetteer.js';
import { distanceKm } from './Gazetteer.js';
import type { PlaceIndex } from './PlaceIndex.js';
import type { Mention, Recognition } from './ToponymRecognizer.js';
import { plainText } from './ToponymRecognizer.js';

const countryNameSets = new WeakMap<Place, Set<string>>();

/** "IS", "UN", "U.S.": two or three capitals (module level: built once). */
const SHORT_CAPITALS = /^(?:\p{Lu}\.?){2,3}$/u;

/**
 * Picks a place for every mention from the story's context. Score = a prior (feature class,
 * population, capitals) + context (the dateline's country and place, the countries of other
 * toponyms and of demonyms, "X, Y" containment, cue kinds, nearness to the focus). Two passes: the
 * first finds the story's countries, the second resolves with them. Every choice keeps its reasons.
 */

interface Scored {
  place: Place;
  score: number;
  reasons: string[];
}

interface Context {
  countries: Map<Iso2, number>;
  /** The largest weight in `countries`, and its country. */
  top: number;
  lead: Iso2 | null;
  admin1: Set<string>;
  focus: Place | null;
  /** The country a dateline prints ("MOKHA, Yemen"): its places lie there. */
  datelineCountry: Iso2 | null;
}

const COMPASS_NAMES: Record<Compass, string> = {
  n: 'northern', s: 'southern', e: 'eastern', w: 'western', ne: 'northeastern', nw: 'northwestern', se: 'southeastern',
  sw: 'southwestern', c: 'central',
};

/** Prior of a candidate before context: feature class, population, capitals. */
function prior(p: Place): number {
  switch (p.kind) {
    case 'country':
      return 3;
    case 'admin1':
      return 0.9;
    case 'region':
    case 'river':
    case 'site':
    case 'other':
      return p.fcode === 'RGN' || p.fcode === 'STM' || p.fcode === 'OTHER' ? 1.6 : 0.8;
    default:
      break;
  }
  const bonus = p.fcode === 'PPLC' ? 1.5 : p.fcode === 'PPLA' ? 0.4 : p.fcode === 'PPLA2' ? 0.1 : p.fcode === 'PPLX' ? -0.3 : 0;
  // a well-known city outranks a same-named town in a country the story mentions
  return Math.log10(p.population + 10) / 7 + bonus + (p.population >= 100_000 ? 0.6 : 0);
}

function priorReason(p: Place): string {
  if (p.kind === 'country') return 'a country';
  if (p.kind === 'admin1') return 'a first-level division';
  if (p.points || p.fcode === 'RGN') return `a named ${p.kind}`;
  const cap = p.fcode === 'PPLC' ? ', a national capital' : p.fcode === 'PPLA' ? ', a provincial capital' : '';
  return `population ${p.population}${cap}`;
}

/** Priors by place row, per index (NaN until computed): a place's prior never changes. */
const priorTables = new WeakMap<PlaceIndex, Float64Array>();
function priorTable(index: PlaceIndex): Float64Array {
  let t = priorTables.get(index);
  if (!t) {
    t = new Float64Array(index.size).fill(NaN);
    priorTables.set(index, t);
  }
  return t;
}

export function resolveMentions(index: PlaceIndex, rec: Recognition, focusHint: Mention[] = []): Toponym[] {
  const priors = priorTable(index);
  const ctx: Context = { countries: new Map(), top: 0, lead: null, admin1: new Set(), focus: null, datelineCountry: null };
  let within = new Map<Mention, Place>();
  /** Places of the toponyms a stated relation ties a mention to ("X east of Y": Y's place). */
  const related = new Map<Mention, Place>();
  const add = (cc: Iso2 | null, w: number, into = ctx.countries) => {
    if (!cc) return;
    const v = (into.get(cc) ?? 0) + w;
    into.set(cc, v);
    if (into === ctx.countries && v > ctx.top) {
      ctx.top = v;
      ctx.lead = cc;
    }
  };
  // the story's body speaks for its countries: demonyms, countries it names, places it is sure of;
  // the dateline is where the reporter sat (Beirut, Amman, Nairobi cover their neighbours)
  const body = new Map<Iso2, number>();
  for (const [cc, n] of rec.demonymCountries) {
    add(cc, n);
    add(cc, n, body);
  }
  const known = rec.mentions.filter((m) => m.candidates.length > 0);
  // pass 1: countries named outright, and the dateline
  for (const m of known) {
    let c: Place | undefined;
    for (const i of m.candidates) {
      const p = index.place(i);
      if (p.kind === 'country') {
        c = p;
        break;
      }
    }
    if (!c) continue;
    add(c.country, m.inDateline ? 2 : 1);
    if (m.inDateline) ctx.datelineCountry ??= c.country;
    else add(c.country, 1, body);
  }
  const first = new Map<Mention, Scored>();
  for (const m of known) {
    // pass 1 needs the places only: no reasons
    const best = choose(m, ctx, false);
    if (best) first.set(m, best);
  }
  for (const [m, s] of first) {
    if (m.inDateline || s.place.kind === 'country') continue;
    // Only an unambiguous name is country evidence: letting a confident first-pass choice count too
    // (score >= 0.9) measured no gain on LGL and cost dev accuracy.
    if (m.candidates.length === 1) {
      add(s.place.country, 0.5);
      add(s.place.country, 0.5, body);
    }
    if (s.place.kind === 'admin1' && s.place.admin1Code) ctx.admin1.add(s.place.admin1Code);
  }
  const dl = focusHint.find((m) => first.has(m)) ?? known.find((m) => m.inDateline && first.has(m));
  ctx.focus = dl ? first.get(dl)!.place : null;
  const bodyTop = [...body.entries()].reduce<[Iso2 | null, number]>((a, e) => (e[1] > a[1] ? e : a), [null, 0]);
  if (ctx.focus && !ctx.datelineCountry && bodyTop[1] >= 2 && (body.get(ctx.focus.country ?? '') ?? 0) < bodyTop[1] / 2) {
    // a bureau dateline (no country printed) whose country the body hardly mentions: the body's
    // country leads, and its most-mentioned town is the focus
    add(ctx.focus.country, 0.5);
    const cc = bodyTop[0];
    ctx.focus = mostMentioned([...first].filter(([m, s]) => !m.inDateline && s.place.country === cc).map(([, s]) => s.place)) ?? ctx.focus;
  } else if (ctx.focus) add(ctx.focus.country, 2);
  if (!ctx.focus) ctx.focus = mostMentioned([...first.values()].map((s) => s.place));
  for (const m of known) {
    const to = m.relation ? first.get(m.relation.to)?.place : undefined;
    if (to) related.set(m, to);
  }

  // pass 2, with the story's countries and focus
  within = containers(known, first);
  const out: Toponym[] = [];
  const chosen: { m: Mention; s: Scored }[] = [];
  const unplaced = rec.mentions.filter((m) => m.candidates.length === 0);
  for (const m of known) {
    const s = m.facility === 'street' ? null : choose(m, ctx, true);
    if (s) chosen.push({ m, s });
    else if (m.cueKind || related.has(m)) unplaced.push(m);
  }
  const sentence = (pos: number) => {
    const st = rec.sentenceStarts;
    let lo = 0;
    let hi = st.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (st[mid]! <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  /** The resolved place of the same sentence nearest before `m` (or right after it, "X district of Y"), else
   *  the story focus: "the Wadi al-Hajar district" of a Mosul story is in Mosul even when Raqqa was
   *  named a paragraph up; "the city of Solo, who is believed to be in Raqqa" is not in Raqqa. */
  const anchorOf = (m: Mention, accept: (p: Place) => boolean): { place: Place; why: string } | null => {
    const k = sentence(m.span.start);
    let best: { m: Mention; s: Scored } | null = null;
    let bd = Infinity;
    for (const c of chosen) {
      if (c.m === m || !accept(c.s.place) || sentence(c.m.span.start) !== k) continue;
      const d = c.m.span.start < m.span.start ? m.span.start - c.m.span.end : c.m.span.start - m.span.end <= 14 ? 1e6 + c.m.span.start : Infinity;
      if (d < bd) {
        best = c;
        bd = d;
      }
    }
    if (best) return { place: best.s.place, why: `${best.s.place.name}, named in the same sentence` };
    return ctx.focus ? { place: ctx.focus, why: `${ctx.focus.name}, the story's focus` } : null;
  };
  oneSensePerStory(chosen);
  const chosenOf = new Map(chosen.map((c) => [c.m, c.s.place]));
  for (const { m, s } of chosen) out.push(toToponym(m, s, ctx, anchorOf));
  for (const m of unplaced) {
    const to = m.relation ? chosenOf.get(m.relation.to) ?? related.get(m) : undefined;
    const near = to && m.relation
      ? { place: to, why: `${to.name} ("${m.relation.cue}")` }
      : anchorOf(m, (p) => p.fcode.startsWith('PPL') || ((p.kind === 'admin1' || p.kind === 'district') && !m.facility));
    if (!near) continue;
    const p = near.place;
    const why = m.candidates.length > 0 ? 'no candidate fits the story' : 'not in the gazetteer';
    out.push({
      text: m.text, name: m.text, kind: m.cueKind ?? (p.kind === 'city' || p.kind === 'town' ? 'village' : 'other'), country: p.country, admin1: p.admin1, lat: p.lat, lon: p.lon,
      geonameId: null, rule: to ? 'places.relation' : 'places.cue-unknown', confidence: 0.35, span: m.span,
      reasons: [m.facility ? `"${m.cue}" names a site in a town` : m.cue ? `${why}; "${m.cue}" makes it a place` : why, `placed at ${near.why}`],
    });
  }
  return out.sort((a, b) => a.span.start - b.span.start);

  /** One sense per story: a name that recurs without a cue of its own ("Kirkuk" in the dateline and
   *  in "the market of Kirkuk") means what its surest mention means, when that place is one of its
   *  candidates; a cue ("Kirkuk province") keeps its own reading. */
  function oneSensePerStory(items: { m: Mention; s: Scored }[]): void {
    const surest = new Map<string, Scored>();
    const keys = items.map(({ m }) => m.text.toLowerCase());
    items.forEach(({ m, s }, k) => {
      if (!m.cueKind && s.score > (surest.get(keys[k]!)?.score ?? -Infinity)) surest.set(keys[k]!, s);
    });
    for (const [k, item] of items.entries()) {
      const best = surest.get(keys[k]!);
      if (!best || item.m.cueKind || best.place === item.s.place) continue;
      if (!item.m.candidates.some((id) => index.place(id) === best.place)) continue;
      item.s = { place: best.place, score: best.score, reasons: [...best.reasons, 'the same name elsewhere in the story means this place'] };
    }
  }

  /** The best candidate the story supports: when the top one fails the checks of `finish` (a small
   *  place in a country the story never names), the next ones get their turn. `explain`: fill the reasons. */
  function choose(m: Mention, c: Context, explain: boolean, tries = 3, out: Place[] = []): Scored | null {
    let best: Place | null = null;
    let bestScore = -Infinity;
    let second = -Infinity;
    let runnerUp: Place | null = null;
    const outer = within.get(m);
    const to = related.get(m);
    for (const id of m.candidates) {
      const p = index.place(id);
      if (out.length > 0 && out.includes(p)) continue;
      let pr = priors[id]!;
      if (Number.isNaN(pr)) pr = priors[id] = prior(p);
      const score = pr + contextScore(m, p, c, null, outer, to);
      if (score > bestScore) {
        second = bestScore;
        runnerUp = best;
        bestScore = score;
        best = p;
      } else if (score > second) {
        second = score;
        runnerUp = p;
      }
    }
    if (!best) return null;
    const reasons: string[] = [];
    if (explain) {
      reasons.push(priorReason(best));
      contextScore(m, best, c, reasons, outer, to);
    }
    // a runner-up must be in a country the story is about
    const won = tries < 3 && best.kind !== 'country' && !strongly(best, c) && !related.has(m) ? null : finish(m, c, { place: best, score: bestScore, reasons }, second, explain);
    if (won || !runnerUp || tries <= 1) return won;
    // the rejected one is out; its runner-up must pass the same checks
    out.push(best);
    return choose(m, c, explain, tries - 1, out);
  }

  /** Context points for a candidate; fills `reasons` when given (only for the winner). */
  /** The plain names a country goes by (its own name when the gazetteer lists none). */
  function countryNames(p: Place): Set<string> {
    let v = countryNameSets.get(p);
    if (!v) {
      const info = p.country ? index.countries.get(p.country) : undefined;
      countryNameSets.set(p, (v = new Set((info?.names ?? [p.name]).map((n) => plainText(n).replace(/[-‐‑]/g, ' ')))));
    }
    return v;
  }

  /** `outer`, `to`: the mention's container and related place (`within`, `related`), looked up once per choose. */
  function contextScore(m: Mention, p: Place, c: Context, reasons: string[] | null, outer: Place | undefined, to: Place | undefined): number {
    let score = 0;
    const w = p.country ? (c.countries.get(p.country) ?? 0) : 0;
    if (w > 0 && p.kind !== 'country') {
      // a division of a country the story is clearly about outranks a same-named country
      // ("Georgia" in a story from Atlanta, "Virginia" beside Richmond)
      const bonus = p.kind === 'admin1' && w >= 2 ? 2 : Math.min(1, w / 2);
      score += bonus;
      reasons?.push(`${p.country} is a country of the story (weight ${w})`);
    }
    // a country's key met only through folded vowels ("Columbia" ~ Colombia, "Erie" ~ Éire) is weak
    // evidence of that country
    if (p.kind === 'country' && m.light && m.variant && m.candidates.length > 1 && !countryNames(p).has(m.light.replace(/[-‐‑]/g, ' '))) {
      score -= 2;
      reasons?.push('only a spelling variant of the country');
    }
    if (p.admin1Code && p.kind !== 'admin1' && c.admin1.has(p.admin1Code)) {
      score += 0.8;
      reasons?.push(`in ${p.admin1}, named in the story`);
    }
    if (outer && p.country === outer.country && (outer.kind === 'country' || p.admin1Code === outer.admin1Code)) {
      score += 3;
      reasons?.push(`followed by ", ${outer.name}", which contains it`);
    }
    if (m.cueKind) {
      if (m.cueKind === p.kind) {
        score += 2;
        reasons?.push(`"${m.cue}" asks for a ${m.cueKind}`);
      } else if (POPULATED_CUES.has(m.cueKind) && p.fcode.startsWith('PPL')) {
        score += 0.5;
        reasons?.push(`"${m.cue}" asks for a populated place`);
      }
    }
    if (c.focus && c.focus !== p && p.kind !== 'country' && Math.abs(c.focus.lat - p.lat) < 3) {
      // nearer is likelier: same-named villages of one province are told apart by distance
      const d = distanceKm(c.focus.lat, c.focus.lon, p.lat, p.lon);
      if (d < 300) {
        score += 0.6 + 0.3 * (1 - d / 300);
        reasons?.push(`${Math.round(d)} km from the story's focus ${c.focus.name}`);
      }
    }
    if (to && m.relation) {
      if (to.kind === 'country' || to.kind === 'admin1' || to.points) {
        if (p.country === to.country) score += 1;
      } else {
        const d = distanceKm(to.lat, to.lon, p.lat, p.lon);
        if (d <= m.relation.km) {
          score += 3;
          reasons?.push(`within ${Math.round(d)} km of ${to.name} ("${m.relation.cue}")`);
        } else if (d > 3 * m.relation.km) score -= 2;
      }
    }
    if (m.inDateline && p.fcode.startsWith('PPL')) score += Math.log10(p.population + 10) / 7;
    if (m.compass.length > 0 && (p.kind === 'country' || p.kind === 'admin1')) score += 0.5;
    return score;
  }

  /** A country the story is about, not one it mentions in passing: weight of at least a quarter of
   *  the leading country's (and 1); a place far (1,500 km) from the focus in another country needs half. */
  function strongly(p: Place, c: Context): boolean {
    if (!p.country) return false;
    const w = c.countries.get(p.country) ?? 0;
    if (w < Math.max(1, c.top / 4)) return w > 0 && c.top < 1;
    return w >= c.top / 2 || near(p, c);
  }

  /** In the focus's country or within 1,500 km of it. */
  function near(p: Place, c: Context): boolean {
    const f = c.focus;
    return !f || f.country === p.country || distanceKm(f.lat, f.lon, p.lat, p.lon) < 1500;
  }

  function finish(m: Mention, c: Context, best: Scored, second: number, explain: boolean): Scored | null {
    // one capitalised word is weak evidence: a spelling variant, a sentence-initial word or a word in
    // capitals must name a well-known place or one in the story's countries
    const p = best.place;
    const major = p.kind === 'country' || p.kind === 'admin1' || p.points !== null || p.fcode === 'PPLC' || p.population >= 100_000;
    const to = related.get(m);
    const tied = !!to && !!m.relation && !to.points && (to.kind === 'country' || to.kind === 'admin1'
      ? to.country === p.country : distanceKm(to.lat, to.lon, p.lat, p.lon) <= m.relation.km);
    // a stated relation it meets ("the village of X east of Y") supports a candidate like the story's countries
    const supported = tied || strongly(p, c);
    // the dateline's own country holds its places ("MOKHA, Yemen" is not Moca, Dominican Republic)
    if (m.inDateline && c.datelineCountry && p.kind !== 'country' && p.country !== c.datelineCountry) return null;
    // a stated relation ("X east of Y") bounds the distance; farther candidates are other places
    if (to && m.relation && to.kind !== 'country' && to.kind !== 'admin1' && !to.points && distanceKm(to.lat, to.lon, p.lat, p.lon) > 1.5 * m.relation.km) return null;
    // a transliteration variant of a place outside the story's countries is a coincidence of keys
    // ("El Adde" ~ Iida, "al-Anad" ~ Enid) unless the place is a capital or a city of a million
    const famous = p.kind === 'country' || p.kind === 'admin1' || p.points !== null || p.fcode === 'PPLC' || p.population >= 1_000_000;
    // without a focus, the leading country's point stands for where the story is
    const ref = c.focus ?? (c.lead ? index.countries.get(c.lead)?.place : undefined);
    const close = ref ? distanceKm(ref.lat, ref.lon, p.lat, p.lon) < 1500 || (supported && p.country === ref.country) : major;
    if (m.variant && !m.inDateline && !famous && c.top > 0 && !close && !(supported && (c.countries.get(p.country!) ?? 0) >= c.top)) return null;
    if (m.cueKind && !major && !supported) return null;
    // a misspelling is trusted only where the story's countries agree
    if (m.fuzzy && !m.inDateline && !supported) return null;
    // short capitals (IS, UN, TAK) are acronyms unless they abbreviate a country (US, UK, UAE)
    if (!m.inDateline && p.kind !== 'country' && m.cue !== 'abbreviation' && SHORT_CAPITALS.test(m.text)) return null;
    if (!m.cueKind && !m.inDateline) {
      // "al-Mamoun" is one word with its article
      const oneWord = !/[\s-]/.test(m.text) || !/[\s-]/.test(m.text.trim().replace(/^(?:al|el|an|ar|as|ash|ad|az)[-‐‑ ]/i, ''));
      if (m.allCaps && !(major && !m.variant)) return null;
      if (oneWord && (m.variant || m.sentenceStart) && !major && !supported) return null;
      if (oneWord && p.population < 1000 && !major && !supported) return null;
      // a minor place in a country the story never names, when the story does name countries,
      // is more likely a word or a local place the gazetteer lacks ("al-Shuhada" of a Mosul story)
      if (oneWord && !major && !supported && c.countries.size > 0) return null;
    }
    const margin = second === -Infinity ? 2 : best.score - second;
    best.score = Math.max(0.3, Math.min(0.99, 0.55 + margin / 4 - (m.variant ? 0.1 : 0)));
    if (!explain) return best;
    if (m.candidates.length > 1) best.reasons.push(`${m.candidates.length} candidates; margin ${margin.toFixed(2)}`);
    if (m.fuzzy) best.reasons.push(`one edit from "${p.name}", in a country of the story`);
    else if (m.variant) best.reasons.push('matched as a transliteration variant');
    return best;
  }

  function toToponym(m: Mention, s: Scored, c: Context, anchor: typeof anchorOf): Toponym {
    const p = s.place;
    let { lat, lon } = p;
    let kind: PlaceKind = p.kind;
    let name = p.name;
    const reasons = [...s.reasons];
    const a = p.points && p.points.length > 1 ? anchor(m, (x) => !x.points && x.kind !== 'country') : null;
    if (p.points && a) {
      const f = a.place;
      const near = [...p.points].sort((x, y) => distanceKm(f.lat, f.lon, x[0], x[1]) - distanceKm(f.lat, f.lon, y[0], y[1]))[0]!;
      [lat, lon] = near;
      reasons.push(`point of its course nearest ${a.why}`);
    }
    if (m.compass.length > 0) {
      const info = p.kind === 'country' && p.country ? index.countries.get(p.country) : undefined;
      const pts = info ? m.compass.map((d) => info.compass[d]).filter((x): x is [number, number] => !!x) : [];
      if (pts.length > 0) {
        lat = round(pts.reduce((a, x) => a + x[0], 0) / pts.length);
        lon = round(pts.reduce((a, x) => a + x[1], 0) / pts.length);
        reasons.push(`compass region computed from ${p.name}'s places`);
      }
      name = `${m.compass.map((d) => COMPASS_NAMES[d]).join(' and ')} ${p.name}`;
      kind = p.kind === 'country' || p.kind === 'admin1' ? 'region' : 'district';
    }
    if (m.cueKind && ['river', 'site', 'camp', 'other'].includes(m.cueKind) && m.cueKind !== p.kind) {
      kind = m.cueKind;
      name = m.text;
      reasons.push(`"${m.cue}" names a ${m.cueKind} at ${p.name}`);
    }
    return {
      text: m.text, name, kind, country: p.country, admin1: p.kind === 'admin1' ? p.name : p.admin1, lat, lon, geonameId: p.geonameId,
      rule: m.inDateline ? 'places.dateline' : m.fuzzy ? 'places.fuzzy' : m.variant ? 'places.trie+translit' : 'places.trie', confidence: s.score, span: m.span, reasons,
    };
  }
}

/** "Alexandria, Virginia": a place followed by ", <admin1 or country>" lies inside it. */
function containers(known: Mention[], first: Map<Mention, Scored>): Map<Mention, Place> {
  const out = new Map<Mention, Place>();
  for (let k = 0; k + 1 < known.length; k++) {
    const a = known[k]!;
    const b = known[k + 1]!;
    const outer = first.get(b)?.place;
    if (!outer || (outer.kind !== 'admin1' && outer.kind !== 'country') || b.span.start - a.span.end > 2) continue;
    out.set(a, outer);
  }
  return out;
}

function mostMentioned(places: Place[]): Place | null {
  const counts = new Map<Place, number>();
  for (const p of places) if (p.fcode.startsWith('PPL')) counts.set(p, (counts.get(p) ?? 0) + 1);
  let best: Place | null = null;
  for (const [p, n] of counts) if (!best || n > counts.get(best)!) best = p;
  return best;
}

const round = (v: number) => Math.round(v * 100) / 100;
const POPULATED_CUES = new Set<PlaceKind>(['city', 'town', 'village', 'district', 'site', 'camp']);
