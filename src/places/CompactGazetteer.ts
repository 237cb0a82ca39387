import type { PlaceKind } from '../core/types.js';
import type { CountryInfo, GazetteerData } from './Gazetteer.js';
import { GAZETTEER_VERSION, kindOf } from './Gazetteer.js';
import type { NameNormalizer } from './NameNormalizer.js';

/**
 * The gazetteer as the geoparser keeps it: columns in typed arrays, every string in one text, and
 * the name look-ups as hash tables built once at build time. It is what the cache file holds byte for
 * byte, so loading is reading a file and viewing its sections (no JSON parse of 180,000 rows, no Map
 * of 140,000 names to fill); a Place object is made only for a row the geoparser asks about.
 */
export interface CompactGazetteer {
  version: number;
  /** Hash of the normalisation table the keys were made with. */
  keysOf: string;
  sources: string[];
  countries: CountryInfo[];
  /** Row count: GeoNames-like places, then regions and sites. */
  n: number;
  /** Every name, key and spelling, concatenated; the *Off arrays index into it. */
  strings: string;
  lat: Float64Array;
  lon: Float64Array;
  population: Float64Array;
  geonameId: Int32Array;
  /** Indexes into ccList, admin1Codes (-1: none), fcodeList, kindList. */
  cc: Uint16Array;
  admin1: Int32Array;
  fcode: Uint8Array;
  kind: Uint8Array;
  ccList: string[];
  admin1Codes: string[];
  /** Name of each admin1 code's ADM1 row, "" when the gazetteer has none. */
  admin1Names: string[];
  fcodeList: string[];
  kindList: PlaceKind[];
  /** Primary name of row i: strings.slice(nameOff[i], nameOff[i + 1]). */
  nameOff: Int32Array;
  /** Region and site rows -> their points (several along a river or long region). */
  points: Record<string, [number, number][]>;
  /** Exact keys (normalised names and their word prefixes): text offsets, rows, prefix flags, and an
   *  open-addressing table of key index + 1 by FNV-1a hash. */
  keyOff: Int32Array;
  keyIdsOff: Int32Array;
  keyIds: Int32Array;
  keyIsName: Uint8Array;
  keyIsPrefix: Uint8Array;
  keySlots: Int32Array;
  /** Plain spellings of well-known places for misspelling look-ups, and a table from the hash of each
   *  one-letter deletion to the spellings that have it (collisions only add candidates, which the
   *  edit-distance check then rejects). */
  fuzzyOff: Int32Array;
  fuzzyIdsOff: Int32Array;
  fuzzyIds: Int32Array;
  delOff: Int32Array;
  delKeys: Int32Array;
}

/** Misspellings are matched only for names this long (short names are one edit from too many words). */
export const FUZZY_MIN_LENGTH = 6;
/** Places a misspelling may name: countries, first-level divisions, capitals and towns this large. */
const FUZZY_MIN_POPULATION = 10_000;

/** FNV-1a over UTF-16 code units. */
export function hashString(s: string, from = 0, to = s.length): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Lower case, marks and apostrophes dropped, hyphens as spaces: "Al-Ḩasakah" -> "al hasakah". */
const MARKS = /\p{M}/gu;
const ASCII = /^[A-Za-z ]*$/;
export const plainName = (s: string) =>
  ASCII.test(s) ? s.toLowerCase() : s.normalize('NFD').replace(MARKS, '').replace(/[‘’'ʻʼʿʾ`.]/g, '').replace(/[-‐‑–]/g, ' ').toLowerCase();

export const deletions = (k: string): string[] => {
  const out: string[] = [];
  for (let i = 0; i < k.length; i++) if (k[i] !== ' ') out.push(k.slice(0, i) + k.slice(i + 1));
  return out;
};

const pow2 = (n: number) => 2 ** Math.ceil(Math.log2(Math.max(2, n)));

/** Compact form of a built gazetteer (pure; done once per build). */
export function compactGazetteer(data: GazetteerData, normalizer: NameNormalizer, keysOf: string): CompactGazetteer {
  const rows = data.places.length + data.regions.length;
  const parts: string[] = [];
  let textLen = 0;
  const addText = (s: string) => {
    parts.push(s);
    textLen += s.length;
    return textLen - s.length;
  };
  const intern = <T>(list: T[], map: Map<T, number>, v: T) => {
    let i = map.get(v);
    if (i === undefined) {
      i = list.length;
      list.push(v);
      map.set(v, i);
    }
    return i;
  };
  const ccList: string[] = [''];
  const ccMap = new Map([['', 0]]);
  const admin1Codes: string[] = [];
  const a1Map = new Map<string, number>();
  const fcodeList: string[] = [];
  const fcMap = new Map<string, number>();
  const kindList: PlaceKind[] = [];
  const kindMap = new Map<PlaceKind, number>();
  const lat = new Float64Array(rows);
  const lon = new Float64Array(rows);
  const population = new Float64Array(rows);
  const geonameId = new Int32Array(rows);
  const cc = new Uint16Array(rows);
  const admin1 = new Int32Array(rows).fill(-1);
  const fcode = new Uint8Array(rows);
  const kind = new Uint8Array(rows);
  const nameOff = new Int32Array(rows + 1);
  const points: Record<string, [number, number][]> = {};
  const allNames: string[][] = [];

  data.places.forEach(([id, name, la, lo, c, a1, fc, pop, alt], i) => {
    lat[i] = la;
    lon[i] = lo;
    population[i] = pop;
    geonameId[i] = id;
    cc[i] = intern(ccList, ccMap, c);
    if (a1) admin1[i] = intern(admin1Codes, a1Map, a1);
    fcode[i] = intern(fcodeList, fcMap, fc);
    kind[i] = intern(kindList, kindMap, kindOf(fc, pop));
    nameOff[i] = addText(name);
    allNames.push([name, ...alt]);
  });
  data.regions.forEach(([name, k, c, pts], r) => {
    const i = data.places.length + r;
    [lat[i], lon[i]] = pts[0]!;
    cc[i] = intern(ccList, ccMap, c);
    fcode[i] = intern(fcodeList, fcMap, k === 'river' ? 'STM' : k === 'region' ? 'RGN' : 'OTHER');
    kind[i] = intern(kindList, kindMap, k);
    nameOff[i] = addText(name);
    points[i] = pts;
    allNames.push([name]);
  });
  nameOff[rows] = textLen;
  const admin1Names = admin1Codes.map(() => '');
  data.places.forEach((p) => {
    if (p[6] === 'ADM1' && p[5]) admin1Names[a1Map.get(p[5])!] = p[1];
  });

  // exact keys and their word prefixes
  const keys = new Map<string, { ids: number[]; name: boolean; prefix: boolean }>();
  const entry = (k: string) => {
    let e = keys.get(k);
    if (!e) keys.set(k, (e = { ids: [], name: false, prefix: false }));
    return e;
  };
  allNames.forEach((names, i) => {
    for (const n of names) {
      const key = normalizer.nameKeys(n).join(' ');
      if (!key) continue;
      const e = entry(key);
      e.name = true;
      if (!e.ids.includes(i)) e.ids.push(i);
      for (let sp = key.indexOf(' '); sp > 0; sp = key.indexOf(' ', sp + 1)) entry(key.slice(0, sp)).prefix = true;
    }
  });
  const m = keys.size;
  const keyOff = new Int32Array(m + 1);
  const keyIdsOff = new Int32Array(m + 1);
  const keyIsName = new Uint8Array(m);
  const keyIsPrefix = new Uint8Array(m);
  const keySlots = new Int32Array(pow2(m * 2));
  const ids: number[] = [];
  let k = 0;
  for (const [key, e] of keys) {
    keyOff[k] = addText(key);
    keyIdsOff[k] = ids.length;
    ids.push(...e.ids);
    keyIsName[k] = e.name ? 1 : 0;
    keyIsPrefix[k] = e.prefix ? 1 : 0;
    let slot = hashString(key) & (keySlots.length - 1);
    while (keySlots[slot] !== 0) slot = (slot + 1) & (keySlots.length - 1);
    keySlots[slot] = k + 1;
    k++;
  }
  keyOff[m] = textLen;
  keyIdsOff[m] = ids.length;

  // plain spellings of well-known places, and their one-letter deletions
  const fuzzy = new Map<string, number[]>();
  allNames.forEach((names, i) => {
    const kd = kindList[kind[i]!];
    const fc = fcodeList[fcode[i]!];
    if (!(kd === 'country' || kd === 'admin1' || fc === 'PPLC' || fc === 'PPLA' || population[i]! >= FUZZY_MIN_POPULATION)) return;
    for (const n of names) {
      const p = plainName(n);
      if (p.length < FUZZY_MIN_LENGTH) continue;
      const list = fuzzy.get(p);
      if (!list) fuzzy.set(p, [i]);
      else if (!list.includes(i)) list.push(i);
    }
  });
  const f = fuzzy.size;
  const fuzzyOff = new Int32Array(f + 1);
  const fuzzyIdsOff = new Int32Array(f + 1);
  const fIds: number[] = [];
  const buckets = new Map<number, number[]>();
  let total = 0;
  for (const [p] of fuzzy) total += p.length + 1;
  const delSize = pow2(total);
  let fk = 0;
  for (const [p, list] of fuzzy) {
    fuzzyOff[fk] = addText(p);
    fuzzyIdsOff[fk] = fIds.length;
    fIds.push(...list);
    for (const d of [p, ...deletions(p)]) {
      const b = hashString(d) & (delSize - 1);
      const l = buckets.get(b);
      if (!l) buckets.set(b, [fk]);
      else if (l[l.length - 1] !== fk) l.push(fk);
    }
    fk++;
  }
  fuzzyOff[f] = textLen;
  fuzzyIdsOff[f] = fIds.length;
  const delOff = new Int32Array(delSize + 1);
  const delKeys: number[] = [];
  for (let b = 0; b < delSize; b++) {
    delOff[b] = delKeys.length;
    const l = buckets.get(b);
    if (l) delKeys.push(...l);
  }
  delOff[delSize] = delKeys.length;

  return {
    version: GAZETTEER_VERSION, keysOf, sources: data.sources, countries: data.countries, n: rows, strings: parts.join(''),
    lat, lon, population, geonameId, cc, admin1, fcode, kind, ccList, admin1Codes, admin1Names, fcodeList, kindList, nameOff, points,
    keyOff, keyIdsOff, keyIds: Int32Array.from(ids), keyIsName, keyIsPrefix, keySlots,
    fuzzyOff, fuzzyIdsOff, fuzzyIds: Int32Array.from(fIds), delOff, delKeys: Int32Array.from(delKeys),
  };
}

const ARRAYS = [
  ['lat', Float64Array], ['lon', Float64Array], ['population', Float64Array], ['geonameId', Int32Array], ['cc', Uint16Array],
  ['admin1', Int32Array], ['fcode', Uint8Array], ['kind', Uint8Array], ['nameOff', Int32Array], ['keyOff', Int32Array],
  ['keyIdsOff', Int32Array], ['keyIds', Int32Array], ['keyIsName', Uint8Array], ['keyIsPrefix', Uint8Array], ['keySlots', Int32Array],
  ['fuzzyOff', Int32Array], ['fuzzyIdsOff', Int32Array], ['fuzzyIds', Int32Array], ['delOff', Int32Array], ['delKeys', Int32Array],
] as const;
type ArrayName = (typeof ARRAYS)[number][0];
const MAGIC = 0x5a475253; // "SRGZ"
const align8 = (n: number) => (n + 7) & ~7;

/** Bytes of the cache file: magic, header length, JSON header (small fields and section lengths),
 *  then each typed array 8-byte aligned, then the UTF-8 string text. */
export function encodeCompact(c: CompactGazetteer): Uint8Array {
  const text = new TextEncoder().encode(c.strings);
  const lengths = ARRAYS.map(([name]) => c[name].length);
  const header = new TextEncoder().encode(JSON.stringify({
    version: c.version, keysOf: c.keysOf, sources: c.sources, countries: c.countries, n: c.n, ccList: c.ccList, admin1Codes: c.admin1Codes,
    admin1Names: c.admin1Names, fcodeList: c.fcodeList, kindList: c.kindList, points: c.points, lengths, textBytes: text.length,
  }));
  let size = align8(8 + header.length);
  const offsets = ARRAYS.map(([name]) => {
    const at = size;
    size = align8(size + c[name].byteLength);
    return at;
  });
  const out = new Uint8Array(size + text.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, header.length, true);
  out.set(header, 8);
  ARRAYS.forEach(([name], i) => {
    const a = c[name];
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), offsets[i]!);
  });
  out.set(text, size);
  return out;
}

/** Views the sections of a cache file (no copying unless the buffer is misaligned); null when the
 *  bytes are not a gazetteer of this version. */
export function decodeCompact(bytes: Uint8Array): CompactGazetteer | null {
  if (bytes.byteLength < 8) return null;
  if (bytes.byteOffset % 8 !== 0) bytes = bytes.slice();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== MAGIC) return null;
  const hlen = view.getUint32(4, true);
  const h = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + hlen))) as Omit<CompactGazetteer, ArrayName | 'strings'> & { lengths: number[]; textBytes: number };
  if (h.version !== GAZETTEER_VERSION || h.lengths?.length !== ARRAYS.length) return null;
  let at = align8(8 + hlen);
  const arrays = {} as Record<ArrayName, unknown>;
  ARRAYS.forEach(([name, Ctor], i) => {
    const len = h.lengths[i]!;
    arrays[name] = new Ctor(bytes.buffer as ArrayBuffer, bytes.byteOffset + at, len);
    at = align8(at + len * Ctor.BYTES_PER_ELEMENT);
  });
  const strings = new TextDecoder().decode(bytes.subarray(at, at + h.textBytes));
  const { lengths: _l, textBytes: _t, ...rest } = h;
  return { ...rest, ...(arrays as Pick<CompactGazetteer, ArrayName>), strings };
}
