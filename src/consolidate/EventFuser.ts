import { CandidateIndex } from './CandidateIndex.js';
import type { FusionNode, Link } from './EventCompatibility.js';
import { describeLink, linkEvents, prepareNode, sourceKey } from './EventCompatibility.js';
import { buildFusedEvent } from './FusedEventBuilder.js';
import type { FusionRules } from './FusionRules.js';
import type { FusedEvent, FuseResult, SourcedEvent } from './types.js';

/**
 * Fuses reports of the same real event into one FusedEvent each, incrementally.
 *
 * Definition (what makes the result independent of arrival order and batching):
 * - Anchors are reports dated to a window of at most ANCHOR_WINDOW_DAYS. Build the graph whose
 *   nodes are the anchors and whose edges are `linkEvents` pairs. Each connected component is
 *   clustered on its own, by complete linkage in a canonical order (most precise reports first,
 *   then by key): a report joins the best-scoring cluster whose EVERY member it links to, else
 *   starts a new one. Complete linkage keeps a vague "fighting in Nineveh" report from chaining
 *   two different towns' events into one.
 * - Every other report (dated only to a longer window, "last year") is a leaf: it joins the
 *   best-scoring anchor cluster whose every anchor it links to, else stays on its own. Leaves
 *   never link to each other and never connect two components, so a vaguely dated report
 *   cannot pull a chain of events together. Two leaves may join the same cluster.
 *
 * Incrementally, only the components the incoming reports touch are re-clustered, and only the
 * leaves that link to them (or sat in their old events) are placed again: that gives exactly
 * the batch result, because clustering a component depends on nothing outside it and placing
 * a leaf depends only on the clusters of the anchors it links to.
 *
 * @example
 *   const fuser = new EventFuser(rules);
 *   fuser.add(firstBatch);
 *   const step = fuser.add(nextBatch); // step.changed: upsert; step.removed: delete
 *   fuser.events();                    // everything so far, by id
 */
export class EventFuser {
  private readonly index = new CandidateIndex();
  /** Every report by source key. */
  private readonly nodes = new Map<string, FusionNode>();
  private readonly eventOf = new Map<FusionNode, FusedEvent>();
  private readonly membersOf = new Map<FusedEvent, FusionNode[]>();
  private readonly byId = new Map<string, FusedEvent>();
  /** Reused candidate buffer (lookups allocate nothing per call). */
  private readonly buffer: FusionNode[] = [];

  /**
   * @param existing fused events to start from, as a previous `add` (or a store) returned them;
   *   to be exact, every event whose reports could be in a component an incoming report touches
   */
  constructor(private readonly rules: FusionRules, existing: Iterable<FusedEvent> = []) {
    for (const e of existing) {
      const members = e.sources.map((s) => prepareNode(s, rules));
      for (const n of members) {
        this.nodes.set(n.key, n);
        this.index.add(n);
      }
      this.adopt(e, members);
    }
  }

  /** Every fused event, sorted by id. */
  events(): FusedEvent[] {
    return [...this.byId.values()].sort((a, b) => cmp(a.id, b.id));
  }

  /**
   * Fuses `incoming` with everything added before. A report whose key (`storyId#index`) is
   * already fused replaces the old version (re-ingesting a story is idempotent).
   * @returns the events that are new or changed (upsert these, sorted by id) and the ids of
   *   events that no longer exist (delete these)
   */
  add(incoming: SourcedEvent[]): { changed: FusedEvent[]; removed: string[] } {
    const fresh = new Map<string, FusionNode>();
    for (const s of incoming) fresh.set(sourceKey(s), prepareNode(s, this.rules));

    const touched = new Set<FusedEvent>(); // old events replaced by this step
    const leaves = new Set<FusionNode>(); // leaves to place again
    let seeds: FusionNode[] = []; // anchors whose components are clustered again
    const touch = (e: FusedEvent | undefined) => {
      if (!e || touched.has(e)) return;
      touched.add(e);
      for (const m of this.membersOf.get(e)!) {
        if (this.nodes.get(m.key) !== m) continue; // replaced by a fresh version
        if (m.anchor) seeds.push(m);
        else leaves.add(m);
      }
    };

    const replaced: FusionNode[] = [];
    for (const [key, n] of fresh) {
      const old = this.nodes.get(key);
      if (old) {
        replaced.push(old);
        this.index.remove(old);
      }
      this.nodes.set(key, n);
      this.index.add(n);
      if (n.anchor) seeds.push(n);
      else leaves.add(n);
    }
    for (const old of replaced) {
      // The old version's component is clustered again without it: from its event's other
      // members and from every anchor it linked to (each piece the component splits into).
      touch(this.eventOf.get(old));
      if (old.anchor) for (const c of this.linked(old)) if (c.anchor) seeds.push(c);
      this.eventOf.delete(old);
    }

    const clusterOf = new Map<FusionNode, Cluster>();
    const clusters: Cluster[] = [];
    /** Leaf -> the anchor it joins through (its best link into the chosen cluster), or null. */
    const placed = new Map<FusionNode, { via: FusionNode; link: Link } | null>();
    // Placing a leaf can change an event no seed reached (the one it leaves or joins): that
    // event's component is then clustered again too (with the same result), so every changed
    // event is rebuilt whole. A leaf's place depends only on anchor clusters, which clustering
    // again does not change, so this settles in two rounds.
    while (seeds.length > 0 || leaves.size > placed.size) {
      for (const seed of seeds) {
        if (clusterOf.has(seed)) continue;
        const { component, edges } = this.walk(seed, leaves);
        for (const n of component) touch(this.eventOf.get(n));
        for (const c of clusterComponent(component, edges)) {
          clusters.push(c);
          for (const m of c.members) clusterOf.set(m, c);
        }
      }
      seeds = [];
      for (const leaf of leaves) {
        if (placed.has(leaf)) continue;
        const to = this.place(leaf, clusterOf);
        placed.set(leaf, to);
        const from = this.eventOf.get(leaf);
        const target = to && !clusterOf.has(to.via) ? this.eventOf.get(to.via) : undefined;
        if (target !== undefined && target === from) continue; // stays in an untouched event
        touch(from);
        touch(target);
      }
    }

    // New events: the clusters with the leaves they gained, and leaves on their own.
    const gained = new Map<Cluster, FusionNode[]>();
    const alone: FusionNode[] = [];
    for (const [leaf, to] of placed) {
      const c = to ? clusterOf.get(to.via) : undefined;
      if (c) gained.set(c, [...(gained.get(c) ?? []), leaf]);
      else if (!to) alone.push(leaf);
    }
    const built: { event: FusedEvent; members: FusionNode[] }[] = [];
    for (const c of clusters) {
      const extra = (gained.get(c) ?? []).sort((a, b) => cmp(a.key, b.key));
      const members = [...c.members, ...extra];
      const reasons = [...c.reasons, ...extra.map((l) => { const to = placed.get(l)!; return describeLink(to.via, l, to.link); })];
      built.push({ event: buildFusedEvent(members, reasons), members });
    }
    for (const leaf of alone) built.push({ event: buildFusedEvent([leaf], []), members: [leaf] });

    const before = new Map([...touched].map((e) => [e.id, e]));
    for (const e of touched) this.drop(e);
    for (const { event, members } of built) this.adopt(event, members);
    const changed = built.map((b) => b.event).filter((e) => !sameEvent(before.get(e.id), e)).sort((a, b) => cmp(a.id, b.id));
    const removed = [...before.keys()].filter((id) => !this.byId.has(id)).sort();
    return { changed, removed };
  }

  private adopt(e: FusedEvent, members: FusionNode[]): void {
    this.byId.set(e.id, e);
    this.membersOf.set(e, members);
    for (const n of members) this.eventOf.set(n, e);
  }

  private drop(e: FusedEvent): void {
    if (this.byId.get(e.id) === e) this.byId.delete(e.id);
    this.membersOf.delete(e);
  }

  /** Reports `n` links to (a fresh array). */
  private linked(n: FusionNode): FusionNode[] {
    this.index.candidates(n, this.buffer);
    return this.buffer.filter((c) => linkEvents(n, c, this.rules) !== null);
  }

  /**
   * Breadth-first walk of the anchor link graph from `seed`, recording every edge found; leaves
   * an anchor links to are added to `leaves` (their place may change with the component).
   */
  private walk(seed: FusionNode, leaves: Set<FusionNode>): { component: FusionNode[]; edges: Map<FusionNode, Edge[]> } {
    const component = [seed];
    const inComponent = new Set<FusionNode>([seed]);
    const done = new Set<FusionNode>();
    const edges = new Map<FusionNode, Edge[]>();
    for (let i = 0; i < component.length; i++) {
      const n = component[i]!;
      this.index.candidates(n, this.buffer);
      for (const c of this.buffer) {
        // Each pair is tested once: from whichever end is expanded first.
        if (done.has(c) || (!c.anchor && leaves.has(c))) continue;
        const link = linkEvents(n, c, this.rules);
        if (!link) continue;
        if (!c.anchor) {
          leaves.add(c);
          continue;
        }
        addEdge(edges, n, c, link);
        addEdge(edges, c, n, link);
        if (!inComponent.has(c)) { inComponent.add(c); component.push(c); }
      }
      done.add(n);
    }
    return { component, edges };
  }

  /**
   * Where a leaf goes: the anchor cluster with the best average link score among those whose
   * every anchor it links to (ties: the cluster whose first anchor key is smallest), else null.
   * Clusters are the new ones of this step where there is one, else the stored events'.
   */
  private place(leaf: FusionNode, clusterOf: Map<FusionNode, Cluster>): { via: FusionNode; link: Link } | null {
    interface Tally { anchors: FusionNode[]; count: number; score: number; best: { via: FusionNode; link: Link } }
    const tally = new Map<object, Tally>();
    // Sorted so float sums and ties do not depend on the order the index yields candidates in.
    const anchors = this.linked(leaf).filter((c) => c.anchor).sort((a, b) => cmp(a.key, b.key));
    for (const c of anchors) {
      const link = linkEvents(leaf, c, this.rules)!;
      const cluster = clusterOf.get(c);
      const home = cluster ?? this.eventOf.get(c)!;
      const t = tally.get(home);
      if (!t) {
        const members = cluster ? cluster.members : this.membersOf.get(home as FusedEvent)!.filter((m) => m.anchor);
        tally.set(home, { anchors: members, count: 1, score: link.score, best: { via: c, link } });
      } else {
        t.count++;
        t.score += link.score;
        if (link.score > t.best.link.score || (link.score === t.best.link.score && c.key < t.best.via.key)) t.best = { via: c, link };
      }
    }
    let chosen: Tally | null = null;
    let first = '';
    for (const t of tally.values()) {
      if (t.count !== t.anchors.length) continue;
      const key = t.anchors.reduce((k, a) => (a.key < k ? a.key : k), t.anchors[0]!.key);
      const avg = t.score / t.count;
      const best = chosen ? chosen.score / chosen.count : -Infinity;
      if (avg > best || (avg === best && key < first)) { chosen = t; first = key; }
    }
    return chosen ? chosen.best : null;
  }
}

/**
 * Fuses `incoming` with `existing` in one call (an `EventFuser` built from `existing`).
 * Callers fusing batch after batch in memory should keep one `EventFuser` instead: it indexes
 * the existing events once.
 * @param existing every fused event so far (or at least every one whose reports could be in a
 *   component an incoming report touches: same event_type, overlapping dates, nearby or same country)
 * @example
 *   const rules = loadFusionRules('resources');
 *   let { events } = fuse([], firstBatch, rules);
 *   const step = fuse(events, nextBatch, rules); // step.changed: upsert; step.removed: delete
 */
export function fuse(existing: FusedEvent[], incoming: SourcedEvent[], rules: FusionRules): FuseResult {
  const fuser = new EventFuser(rules, existing);
  const { changed, removed } = fuser.add(incoming);
  return { events: fuser.events(), changed: changed.map((e) => e.id), removed };
}

interface Edge { other: FusionNode; link: Link }
interface Cluster { n: number; members: FusionNode[]; reasons: string[] }

function addEdge(edges: Map<FusionNode, Edge[]>, a: FusionNode, b: FusionNode, link: Link): void {
  const list = edges.get(a);
  if (list) list.push({ other: b, link });
  else edges.set(a, [{ other: b, link }]);
}

/** Complete-linkage clustering of one anchor component in canonical order (see `EventFuser`). */
function clusterComponent(nodes: FusionNode[], edges: Map<FusionNode, Edge[]>): Cluster[] {
  const order = nodes.length === 1 ? nodes : [...nodes].sort((a, b) => {
    const ea = a.src.event;
    const eb = b.src.event;
    const wa = a.window ? a.window.end - a.window.start : Infinity;
    const wb = b.window ? b.window.end - b.window.start : Infinity;
    return Number(b.precise) - Number(a.precise) || ea.geo_precision - eb.geo_precision ||
      ea.time_precision - eb.time_precision || wa - wb || cmp(a.key, b.key);
  });
  const clusterOf = new Map<FusionNode, Cluster>();
  const clusters: Cluster[] = [];
  for (const n of order) {
    // Tally links to already-placed members per cluster; a cluster qualifies when n links to all.
    const tally = new Map<Cluster, { count: number; score: number; best: Edge }>();
    // Sorted (in place: the edges are this component's own) so float sums and ties do not
    // depend on the order the walk found the edges in.
    const mine = edges.get(n)?.sort((a, b) => cmp(a.other.key, b.other.key)) ?? [];
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
    let via: Edge | null = null;
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
  return clusters;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function sameEvent(a: FusedEvent | undefined, b: FusedEvent): boolean {
  if (a === undefined || a.sources.length !== b.sources.length) return false;
  // A source kept from before is the same object: only a replaced report is compared as text
  // (serialising every source's evidence dominated re-fusing an event with many sources).
  if (!a.sources.every((s, i) => s === b.sources[i] || JSON.stringify(s) === JSON.stringify(b.sources[i]))) return false;
  const { sources: _a, ...restA } = a;
  const { sources: _b, ...restB } = b;
  return JSON.stringify(restA) === JSON.stringify(restB);
}
