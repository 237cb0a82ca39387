/**
 * The strings of length `n` (lower-cased) a regular expression's matches can start with, or null
 * when the pattern can start with something this reader does not enumerate (\w, \d, ".", a range,
 * a match shorter than `n`). It reads the subset of regex syntax the lexicons use: literals,
 * escapes, (?:...) groups with "|", character classes of single characters, quantifiers, and
 * zero-width parts (\b, lookarounds), which it skips.
 * Why: the trigger lexicon is indexed by the first letters of each pattern when it is loaded, so
 * a sentence is scanned word by word with a map lookup instead of one large alternation that
 * tries every pattern at every position.
 * @example regexPrefixes('(?:re)?captur(?:ed|ing)|seiz(?:ed|es)', 2) // Set { 'ca', 're', 'se' }
 */
export function regexPrefixes(source: string, n: number): Set<string> | null {
  let seq: Seq;
  try {
    seq = parseBranches(source, { i: 0 }, false) as unknown as Seq;
  } catch {
    return null;
  }
  const out = new Set<string>();
  let ok = true;
  const walk = (atoms: Atom[], k: number, prefix: string, done: (p: string) => void): void => {
    if (!ok) return;
    if (prefix.length >= n) { out.add(prefix.slice(0, n)); return; }
    if (k === atoms.length) { done(prefix); return; }
    const a = atoms[k]!;
    const next = (p: string) => walk(atoms, k + 1, p, done);
    if (a.min === 0) next(prefix);
    const take = (p: string, again: boolean) => {
      if (a.kind === 'any') { ok = false; return; }
      if (a.kind === 'lit') for (const c of a.chars) after(p + c, again);
      else for (const b of a.branches) walk(b, 0, p, (q) => after(q, again));
    };
    // a repeated atom may follow itself ("a+" starts "aa")
    const after = (p: string, again: boolean) => (again && a.max > 1 ? (next(p), take(p, false)) : next(p));
    take(prefix, true);
  };
  walk([{ kind: 'group', branches: seq, min: 1, max: 1 }], 0, '', () => { ok = false; });
  return ok && out.size > 0 ? out : null;
}

type Atom =
  | { kind: 'lit'; chars: string[]; min: number; max: number }
  | { kind: 'group'; branches: Atom[][]; min: number; max: number }
  | { kind: 'any'; min: number; max: number };
type Seq = Atom[][];

function parseBranches(src: string, at: { i: number }, inGroup: boolean): Seq {
  const branches: Atom[][] = [[]];
  while (at.i < src.length) {
    const c = src[at.i]!;
    if (c === ')') {
      if (!inGroup) throw new Error('unbalanced');
      at.i++;
      return branches;
    }
    if (c === '|') { at.i++; branches.push([]); continue; }
    const atom = parseAtom(src, at);
    if (atom) branches[branches.length - 1]!.push(quantify(atom, src, at));
    else quantify({ kind: 'lit', chars: [''], min: 1, max: 1 }, src, at);
  }
  if (inGroup) throw new Error('unbalanced');
  return branches;
}

/** One atom, or null for a zero-width part (\b, a lookaround). */
function parseAtom(src: string, at: { i: number }): Atom | null {
  const c = src[at.i]!;
  if (c === '(') {
    at.i++;
    if (src.startsWith('?:', at.i)) at.i += 2;
    else if (/^\?<?[=!]/.test(src.slice(at.i, at.i + 3))) {
      at.i += src[at.i + 1] === '<' ? 3 : 2;
      parseBranches(src, at, true);
      return null;
    } else if (src.startsWith('?<', at.i)) at.i = src.indexOf('>', at.i) + 1;
    return { kind: 'group', branches: parseBranches(src, at, true), min: 1, max: 1 };
  }
  if (c === '[') {
    const end = src.indexOf(']', at.i + 1);
    const body = src.slice(at.i + 1, end);
    at.i = end + 1;
    if (body.startsWith('^') || /\\[wWdDsS]|.-./.test(body)) return { kind: 'any', min: 1, max: 1 };
    return { kind: 'lit', chars: [...new Set([...body.replace(/\\(.)/g, '$1')].map((x) => x.toLowerCase()))], min: 1, max: 1 };
  }
  if (c === '\\') {
    const e = src[at.i + 1]!;
    at.i += 2;
    if (e === 'b' || e === 'B') return null;
    if (e === 's') return { kind: 'lit', chars: [' '], min: 1, max: 1 };
    if (/[wWdDSs]/.test(e)) return { kind: 'any', min: 1, max: 1 };
    return { kind: 'lit', chars: [e.toLowerCase()], min: 1, max: 1 };
  }
  at.i++;
  if (c === '.' || c === '^' || c === '$') return c === '.' ? { kind: 'any', min: 1, max: 1 } : null;
  return { kind: 'lit', chars: [c.toLowerCase()], min: 1, max: 1 };
}

function quantify(a: Atom, src: string, at: { i: number }): Atom {
  const q = /^(?:([?*+])|\{(\d+)(?:,(\d*))?\})\??/.exec(src.slice(at.i));
  if (!q) return a;
  at.i += q[0].length;
  if (q[1]) return { ...a, min: q[1] === '+' ? a.min : 0, max: q[1] === '?' ? a.max : Infinity };
  const lo = Number(q[2]);
  const hi = q[3] === undefined ? lo : q[3] === '' ? Infinity : Number(q[3]);
  return { ...a, min: lo === 0 ? 0 : a.min, max: hi };
}
