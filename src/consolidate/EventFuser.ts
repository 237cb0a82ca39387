import { CandidateIndex } from './CandidateIndex.js';
import type { FusionNode, Link } from './EventCompatibility.js';
import { describeLink, linkEvents, prepareNode, sourceKey } from './EventCompatibility.js';
import { buildFusedEvent } from './FusedEventBuilder.js';
import type { FusionRules } from './FusionRules.js';
import type { FusedEvent, FuseResult, SourcedEvent } from './types.js';

/**
 * Fuses reports of the same real event into one FusedEvent each, incrementally.
 *
 * Definition (what makes the result independent of arrival order and batching): build the graph
 * whose nodes are all reports and whose edges are `linkEvents` pairs. Each connected component
 * is clustered on its own, by complete linkage in a canonical order (most precise reports first,
 * then by key): a report joins the best-scoring cluster whose EVERY member it links to, else
 * starts a new one. Complete linkage keeps a vague "fighting in Nineveh" report from chaining
 * two different towns' events into one.
 *
 * Incrementally, only the components the incoming reports touch are re-clustered, which gives
 * exactly the batch result because clustering a component depends on nothing outside it.
 *
 * @param existing every fused event so far (or at least every one whose reports could link to
 *   an incoming report: same event_type, overlapping dates, nearby or same country — and, to be
 *   exact, their neighbours' events in turn)
 * @param incoming new reports; a report whose key (`storyId#index`) is already fused replaces
 *   the old version (re-ingesting a story is idempotent)
 * @example
 *   const rules = loadFusionRules('resources');
 *   let { events } = fuse([], firstBatch, rules);
 *   const step = fuse(events, nextBatch, rules); // step.changed: upsert; step.removed: delete
 */
export function fuse(existing: FusedEvent[], incoming: SourcedEvent[], rules: FusionRules): FuseResult {
  const eventOf = new Map<string, FusedEvent>(); // source key -> existing event holding it
  const index = new CandidateIndex();
  const fresh = new Map<string, FusionNode>();
  for (const s of incoming) fresh.set(sourceKey(s), prepareNode(s, rules));

  const stale = new Set<FusionNode>();
  const seeds: FusionNode[] = [...fresh.values()];
  for (const e of existing) {
    for (const n of nodesOf(e, rules)) {
      eventOf.set(n.key, e);
      index.add(n);
      // The old version of a replaced report still connects its old component: walk from it so
      // that component is re-clustered without it.
      if (fresh.has(n.key)) { stale.add(n); seeds.push(n); }
    }
  }
  for (const n of fresh.values()) index.add(n);

  const visited = new Set<FusionNode>();
  const edges = new Map<FusionNode, { other: FusionNode; link: Link }[]>();
  const touched = new Set<FusedEvent>();
  const rebuilt: FusedEvent[] = [];

  for (const seed of seeds) {
    if (visited.has(seed)) continue;
    const component = walkComponent(seed, index, rules, visited, edges);
    const live: FusionNode[] = [];
    for (const n of component) {
      const e = eventOf.get(n.key);
      if (e) touched.add(e);
      if (!stale.has(n)) live.push(n);
    }
    for (const { event, members } of clusterComponent(live, edges)) {
      preparedCache(rules).set(event, members);
      rebuilt.push(event);
    }
  }

  const before = new Map(existing.map((e) => [e.id, e]));
  const events = existing.filter((e) => !touched.has(e)).concat(rebuilt).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const newIds = new Set(rebuilt.map((e) => e.id));
  const changed = rebuilt.filter((e) => !sameEvent(before.get(e.id), e)).map((e) => e.id).sort();
  const removed = [...touched].map((e) => e.id).filter((id) => !newIds.has(id)).sort();
  return { events, changed, removed };
}

/** Breadth-first walk of the link graph from `seed`, recording every edge found. */
function walkComponent(
  seed: FusionNode,
  index: CandidateIndex,
  rules: FusionRules,
  visited: Set<FusionNode>,
  edges: Map<FusionNode, { other: FusionNode; link: Link }[]>,
): FusionNode[] {
  const component = [seed];
  visited.add(seed);
  const done = new Set<FusionNode>();
  for (let i = 0; i < component.length; i++) {
    const n = component[i]!;
    const seen = new Set<FusionNode>([n]);
    for (const c of index.candidates(n)) {
      // Each pair is tested once: from whichever end is expanded first.
      if (seen.has(c) || done.has(c)) continue;
      seen.add(c);
      const link = linkEvents(n, c, rules);
      if (!link) continue;
      addEdge(edges, n, c, link);
      addEdge(edges, c, n, link);
      if (!visited.has(c)) { visited.add(c); component.push(c); }
    }
    done.add(n);
  }
  return component;
}

function addEdge(edges: Map<FusionNode, { other: FusionNode; link: Link }[]>, a: FusionNode, b: FusionNode, link: Link): void {
  const list = edges.get(a);
  if (list) list.push({ other: b, link });
  else edges.set(a, [{ other: b, link }]);
}

/** Complete-linkage clustering of one component in canonical order (see `fuse`). */
function clusterComponent(nodes: FusionNode[], edges: Map<FusionNode, { other: FusionNode; link: Link }[]>): { event: FusedEvent; members: FusionNode[] }[] {
  const order = [...nodes].sort((a, b) => {
    const ea = a.src.event;
    const eb = b.src.event;
    const wa = a.window ? a.window.end - a.window.start : Infinity;
    const wb = b.window ? b.window.end - b.window.start : Infinity;
    return Number(b.precise) - Number(a.precise) || ea.geo_precision - eb.geo_precision ||
      ea.time_precision - eb.time_precision || wa - wb || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  });
  interface Cluster { n: number; members: FusionNode[]; reasons: string[] }
  const clusterOf = new Map<FusionNode, Cluster>();
  const clusters: Cluster[] = [];
  for (const n of order) {
    // Tally links to already-placed members per cluster; a cluster qualifies when n links to all.
    const tally = new Map<Cluster, { count: number; score: number; best: { other: FusionNode; link: Link } }>();
    // Sorted so float sums and ties do not depend on the order the walk found the edges in.
    const mine = [...(edges.get(n) ?? [])].sort((a, b) => (a.other.key < b.other.key ? -1 : a.other.key > b.other.key ? 1 : 0));
    for (const edge of mine) {
      const c = clusterOf.get(edge.other);
      if (!c) continue;
      const t = tally.get(c);
      if (!t) tally.set(c, { count: 1, score: edge.link.score, best: edge });
      else {
        t.count++;
        t.score += edge.link.score;
        if (edge.link.score > t.best.link.score) t.best = edge;
      }
    }
    let chosen: Cluster | null = null;
    let chosenScore = -Infinity;
    let via: { other: FusionNode; link: Link } | null = null;
    for (const [c, t] of tally) {
      if (t.count !== c.members.length) continue;
      const avg = t.score / t.count;
      // Equal scores go to the earlier-created cluster, so the choice depends only on the order.
      if (avg > chosenScore || (avg === chosenScore && chosen !== null && c.n < chosen.n)) { chosen = c; chosenScore = avg; via = t.best; }
    }
    if (chosen && via) {
      chosen.members.push(n);
      chosen.reasons.push(describeLink(via.other, n, via.link));
    } else {
      chosen = { n: clusters.length, members: [n], reasons: [] };
      clusters.push(chosen);
    }
    clusterOf.set(n, chosen);
  }
  return clusters.map((c) => ({ event: buildFusedEvent(c.members, c.reasons), members: c.members }));
}

/**
 * Prepared reports of a fused event, remembered per event object: a store that keeps the result
 * of one `fuse` and passes it to the next does not pay to re-prepare untouched events. Invisible
 * to callers (nodes are a function of the event and the rules).
 */
const caches = new WeakMap<FusionRules, WeakMap<FusedEvent, FusionNode[]>>();
function preparedCache(rules: FusionRules): WeakMap<FusedEvent, FusionNode[]> {
  let c = caches.get(rules);
  if (!c) caches.set(rules, (c = new WeakMap()));
  return c;
}
function nodesOf(e: FusedEvent, rules: FusionRules): FusionNode[] {
  const cache = preparedCache(rules);
  let nodes = cache.get(e);
  if (!nodes) cache.set(e, (nodes = e.sources.map((s) => prepareNode(s, rules))));
  return nodes;
}

function sameEvent(a: FusedEvent | undefined, b: FusedEvent): boolean {
  return a !== undefined && JSON.stringify(a) === JSON.stringify(b);
}
