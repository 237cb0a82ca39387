import type { CodedEvent, ControlChange, DateWindow, Debug, Iso2, PubDate, Span, TimeMention, Toponym } from '../core/types.js';
import { countryLabel, countryOfDemonym, isStateActor, roleName, type ActorDictionary } from './ActorDictionary.js';
import type { ActorMention } from './ActorMentionExtractor.js';
import { resolveActor, UNIDENTIFIED, type ActorContext } from './ActorResolver.js';
import type { CasualtyCount } from './CasualtyCountExtractor.js';
import { eventDateFor, isBackground, isWeakMention } from '../time/EventDateResolver.js';
import type { PlaceNouns, Trigger } from './TriggerExtractor.js';
import { controlPlaces, isRoadTrigger, type ControlPlace } from './ControlPlaceResolver.js';

/**
 * Codes one sentence: each asserted trigger becomes an event (and, for control triggers, a change
 * of control) whose roles are read from the words around the trigger: "X killed Y" (subject acts),
 * "Y was killed by X" (passive swaps), "Russian air strikes" (a modifier acts), "P fell to X".
 * Place: the toponym tied to the trigger in the sentence, else the story's focus. Date: the time
 * mention nearest the trigger, else the publication window (precision 2).
 */
export interface SentenceInput {
  text: string;
  span: Span;
  /** Every trigger of the sentence (a verb that is only an aim still governs its object). */
  triggers: Trigger[];
  /** The triggers reported as facts (ModalityFilter's assertedTriggers): the ones coded. */
  asserted: Trigger[];
  actors: ActorMention[];
  /** Toponyms inside the sentence, in text order. */
  places: Toponym[];
  counts: CasualtyCount[];
  times: TimeMention[];
}

export interface CoderContext extends ActorContext {
  focusPlace: Toponym | null;
  /** The town the dateline names (where the reporter, and often the speaker, is), or null. */
  datelinePlace: Toponym | null;
  pubDate: PubDate | null;
  /** Common nouns that name the place of a change of control (trigger data). */
  nouns: PlaceNouns;
  /** The story's toponyms outside the dateline, in text order. */
  storyPlaces: Toponym[];
  debug: Debug;
}

export interface SentenceCodes {
  events: CodedEvent[];
  controls: ControlChange[];
}

const PASSIVE_BEFORE = /\b(?:was|were|been|being|be|is|are|got|had been|have been|has been)\s+(?:\w+ly\s+)?$/i;
const APPROX_BEFORE = /\b(?:near|outside|around|outskirts of|edge of|close to|(?:north|south|east|west)(?:ern|east|west)?(?: of)?|km|kilometers?|kilometres?|miles?|from|toward|towards|countryside|province|area of|areas of|districts? of)\s+(?:the\s+)?$/i;
const ANOTHER_BEFORE = /\b(?:second|third|another|new|separate|further|fresh)\s+(?:[\w-]+\s+)?$/i;
const ANOTHER_ARREST = /\band\s+(?:an?\s+|one\s+|two\s+|three\s+|four\s+|five\s+|\d+\s+|another\s+|others?\s+|more\s+)?(?:\w+\s+)?(?:in|at)\s+(?:the\s+)?(?:[\w’'-]+\s+){0,4}?(?:(?:city|town|village|province|district)\s+of\s+)?$/i;
const AUX_BEFORE = /\b(?:was|were|had been|has been|have been)\s+(?:\w+\s+)?$/i;
/** Reason marking a change of control whose new holder no words named (the loser's opponent). */
export const INFERRED_GAINER = 'new holder inferred (the opponent of the side that lost it)';
/** Reason marking an event its own sentence dates to a day ("on Thursday", "March 3"): reports of two such days are two events. */
export const OWN_DAY = 'its sentence names its day';
/** Reason marking a general noun a possessive day introduces ("Sunday’s attack"): an event the story already told. */
export const KNOWN_EVENT = 'a possessive day names an event already told';
/** Reason marking an event whose place the sentence names only as what a noun belongs to ("the Istanbul club") or where a person is from ("a nurse from Kano"). */
export const INCIDENTAL_PLACE = 'place named only as what a noun belongs to or where someone is from';
/** Start of the reason of an event whose sentence names no place for it (it took the story's focus). */
export const FOCUS_PLACE = 'place: story focus';
/** Reason marking a change of control of a site named by a common noun ("the museum"). */
export const SITE = 'place named by a common noun';
const GOVERNMENT = 'Government of ';
const BROAD_KINDS = new Set(['country', 'admin1', 'region']);
const BASED_BEFORE = /\b(?:based|headquartered|exiled|living)\s+in\s+(?:the\s+)?$/i;
const LOCATIVE_BEFORE = /\b(?:in|at|near|outside|around|inside|into|on|of|across|from|to)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$/i;

const ONGOING_BEFORE = /\b(?:is|are|has been|have been)\s+(?:\w+ly\s+)?\w+ing\s+(?:[\w-]+\s+){0,6}$|\b(?:is|are)\s+(?:(?:also|still|now|already|\w+ly)\s+)?being\s+$/i;
// "opponents have been beheaded", "hundreds of people have been detained": an undated present
// perfect passive whose subject is a bare plural or a quantity names no one in particular: a summary
// of many acts, not a report ("two aid workers have been kidnapped", "the mayor has been arrested"
// name who, and are coded on the story's date); a bare number stands for some of a group told
// before ("80 have been charged, and 27 have been convicted")
const GENERIC_PERFECT = new RegExp(String.raw`^\s*(?:and\s+|but\s+|while\s+)?(?:(?:at least|more than|about|some|over)\s+)?(?:\d[\d,]*(?=\s+have)|(?:many|most|some|several|numerous|countless|other|others|hundreds|thousands|dozens|scores|millions|tens)\b(?:\s+[\w’'-]+){0,6}|(?!(?:the|a|an|this|that|these|those|its|their|his|her|our|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|\d[\d,]*)\b)(?:[\w-]+\s+)?[\w-]+s(?:\s+(?:of|in|from|across|around)(?:\s+[\w’'-]+){1,4})?)\s+have\s+been\s+(?:\w+ly\s+)?$`, 'i');
// ... and the participles listed after "have been", each with its particle or complement
// ("have been beheaded, shot dead and thrown off rooftops", "kidnapped and tortured")
const PERFECT_LIST = /\b(?:have|has)\s+been\s+(?:(?:\w+ly\s+)?[\w-]+(?:\s+[\w-]+){0,2}?(?:,|,?\s+and|,?\s+or)\s+)+(?:and\s+|or\s+)?$/i;
// "the 6,000 troops now deployed to Iraq": a noun's state, not an act (no auxiliary before "now")
const STATE_BEFORE = /(?<!\b(?:have|has|had|was|were|is|are|be|been)\s+)\b(?:now|currently|still)\s+$/i;
const PROGRESSIVE_BEFORE = /\b(?:is|are|has been|have been)\s+(?:\w+ly\s+)?$/i;
// "after 100 days of fighting", "since the start of the offensive", "amid heavy fighting": the weak
// noun sets the scene of the clause's own event, it is not reported as one
const CIRCUMSTANCE_BEFORE = /\b(?:of|after|amid|during|since|following|throughout|despite|before)\s+(?:(?:the|a|an|its|their|his|this|that|weeks?|days?|months?|years?|hours?|\d+|heavy|fierce|intense|street|renewed)\s+)*$/i;
// "hours after bombings blamed on the group killed 54 people": the noun is the subject of a clause of its own
const OWN_VERB_AFTER = /^[^,;]{0,50}?\b(?:killed|killing|kills|wounded|struck|hit|ripped|tore|destroyed|left \d)/i;
// "using mortars and car bombs", "deployed snipers and suicide bombers": weapons as means of a fight
const MEANS_BEFORE = /\b(?:using|uses?|used|deploy(?:s|ed|ing)?|relying on|armed with|equipped with|arsenal of)\s+(?:[\w’'-]+,?\s+){0,8}$/i;
// "retaken by Kurdish fighters with the help of coalition air strikes", "troops backed by air
// and ground support": strikes named as the support of an advance are part of it, not events
// (a dated sentence reports them: "Backed by Russian air strikes, the army advanced this week")
const SUPPORT_BEFORE = /\b(?:backed|supported|aided|assisted|helped|covered) by\s+(?:[\w’'.-]+\s+){0,6}$|\bwith (?:the )?(?:help|support|backing|cover|aid) (?:of|from)\s+(?:[\w’'.-]+\s+){0,6}$|\b(?:provides?|coordinat(?:e|es|ed|ing)|call(?:s|ed|ing)? in|request(?:s|ed|ing)?)\s+(?:[\w’'.-]+\s+){0,4}$/i;
// "air and ground support from the coalition, including artillery fire": a list of the support
const SUPPORT_LIST = /\b(?:support|backing|cover|help)\b[^;:]{0,80}\b(?:including|such as|in the form of)\s+$/i;
// "the bridges, which were all damaged by air strikes": a relative clause describes a noun's state
// (or a past perfect without a date: "pictures of children they said had been killed in air strikes")
const DESCRIBED_BY = /\b(?:(?:that|which|who)\s+(?:were|was|had been|have been|has been)|had been)\s+(?:\w+\s+)?(?:damaged|destroyed|hit|struck|targeted|flattened|levell?ed|wounded|injured|killed)\s+(?:by|in)\s+(?:[\w’'-]+\s+){0,3}$/i;
// "after viewing Islamic State executions", "videos of beheadings": an act named by a noun as what
// media show, undated; a verb after "watched as" is a report ("witnesses watched as militants stormed")
const DEPICTED_BEFORE = /\b(?:after\s+(?:viewing|watching)|(?:videos?|footage|images|pictures|photos|photographs)\s+(?:[\w-]+\s+){0,2}?of)\s+(?:[\w’'-]+\s+){0,3}$/i;
/** A trigger read as a noun: a noun entry, or a verb entry's nominal form ("executions", "beheadings"), not a past form. */
const nominal = (t: Trigger) => t.entry.form === 'noun' || !/ed$/i.test(t.text);
// a general attack noun is a bombing when an explosive is tied to it by the syntax: a modifier in
// its noun phrase ("a bomb attack"), its means after it in its clause ("the attack, carried out
// with a car bomb"), or a noun the attack used ("explosives used in the attack"); an explosive
// elsewhere in the sentence is another matter ("troops seized explosives during a raid")
const EXPLOSIVE = String.raw`(?:explosives?|explosive-laden|bombs?|IEDs?|booby-trapped|detonat(?:ed|ion|ions|ing))\b`;
const EXPLOSIVE_MODIFIER = new RegExp(String.raw`\b${EXPLOSIVE}(?:\s+and\s+[\w-]+)?\s+(?:[\w-]+\s+)?$`, 'i');
// ("the explosives were like those used in the Feb. 17 attack": a pronoun standing for the explosive;
// "traces of explosives in the wreckage left by the attack": what the attack left behind)
const EXPLOSIVE_USED_IN = new RegExp(String.raw`\b${EXPLOSIVE}\s+(?:(?:[\w-]+\s+){0,3}?|(?:[\w-]+\s+){0,6}?(?:those|ones)\s+)(?:(?:used|planted|placed|detonated|set off)\s+(?:in|for|during|at)|(?:in|at|from)\s+the\s+(?:wreckage|debris|rubble|remains|scene|site|crater)\s+(?:left\s+by|of))\s+(?:the|a|an|this|that|[\w’']+['’]s)\s+(?:[\w.-]+\s+){0,2}$`, 'i');
const EXPLOSIVE_MEANS_AFTER = new RegExp(String.raw`^(?:\s+(?:on|in|at|near)\s+[\w’'.-]+(?:\s+[\w’'.-]+)?)?,?\s+(?:(?:was|were|had been|has been)\s+)?(?:(?:\w+ly\s+)?\w+(?:ed|en|out)\s+(?:out\s+)?)?(?:with|using|involving|by)\s+(?:[\w’'-]+\s+){0,3}?${EXPLOSIVE}|^,?\s+in which\s+(?:[\w’'-]+\s+){0,4}?${EXPLOSIVE}`, 'i');
const MIXED_VICTIMS = /^,?\s+(?:(?:\w+|all|most|many|some)\s+of\s+(?:them|whom)|mostly|mainly|largely|including|among them)\s+(?:\w+\s+)?(?:attackers|gunmen|militants|fighters|soldiers|troops|police(?:men)?|officers|security|insurgents|rebels|bombers)\b/i;
// "Victims of Sunday’s attack": a day in the genitive before a general noun
const POSSESSIVE_DAY_BEFORE = /\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today)['’]s\s+(?:[\w-]+\s+)?$/i;
// "a car bomb was hit by an air strike": the weapon is what another attack struck
const STRUCK_AFTER = /^\s+(?:was|were|had been|has been)\s+(?:\w+ly\s+)?(?:hit|struck|targeted)\s+by\b/i;
// "a Marine artillery unit", "rocket launchers": the weapon names equipment, not fire
const EQUIPMENT_AFTER = /^\s+(?:units?|battery|batteries|crews?|pieces|systems?|launchers?|regiment|battalion|brigade|company|emplacements?)\b/i;
/** The words of the clause before offset `at`: after the last ; , : or quotation mark (no array built). */
function clauseBefore(text: string, at: number): string {
  // one walk back to the nearest mark, not a search of the whole text for each mark
  let from = at - 1;
  for (; from >= 0; from--) {
    const c = text.charCodeAt(from);
    if (c === 59 || c === 44 || c === 58 || c === 0x201c || c === 0x201d || c === 34) break; // ; , : “ ” "
  }
  return text.slice(from + 1, at);
}

/** Codes the sentence; returns [] lists when nothing in it is an asserted event. */
export function codeSentence(s: SentenceInput, ctx: CoderContext): SentenceCodes {
  const events: CodedEvent[] = [];
  const controls: ControlChange[] = [];
  const base = s.span.start;
  const pinned = s.times.length > 0 || s.counts.some((c) => !c.total);
  const asserted = s.asserted.filter((t) => {
    const at = t.span.start - base;
    let c: string | undefined;
    const clause = () => (c ??= clauseBefore(s.text, at));
    const why = t.entry.weak && !pinned ? 'weak trigger without a time or a toll'
      : t.entry.weak && CIRCUMSTANCE_BEFORE.test(clause()) && !OWN_VERB_AFTER.test(s.text.slice(t.span.end - base, t.span.end - base + 60))
        ? 'names the circumstance of another event'
      : t.entry.form === 'noun' && t.entry.event_type !== 'Battles' && MEANS_BEFORE.test(s.text.slice(Math.max(0, at - 80), at)) ? 'a weapon named as a means, not a reported strike'
      : t.entry.form === 'noun' && s.times.length === 0 && (SUPPORT_BEFORE.test(clause()) || SUPPORT_LIST.test(s.text.slice(Math.max(0, at - 120), at)))
        ? 'undated support of another operation, not a reported strike'
      : t.entry.form === 'noun' && s.times.length === 0 && DESCRIBED_BY.test(clause()) ? 'an undated relative clause describing a noun, not a report'
      : s.times.length === 0 && nominal(t) && DEPICTED_BEFORE.test(clause()) ? 'shown in images or video, not reported'
      : t.entry.form === 'noun' && STRUCK_AFTER.test(s.text.slice(t.span.end - base, t.span.end - base + 40)) ? 'a weapon that was struck: the target of another attack'
      : t.entry.form === 'noun' && EQUIPMENT_AFTER.test(s.text.slice(t.span.end - base, t.span.end - base + 24)) ? 'names a weapon system or unit, not its fire'
      : t.entry.form === 'noun' && foughtAgainst(s, t) ? 'the fire a battle was fought against: part of that battle'
      : t.entry.id === FIRE && firedWith(s, t) ? 'fire with a named weapon: the weapon codes the event'
      : t.entry.form === 'verb' && /ing$/i.test(t.text) && s.times.length === 0 && !AUX_BEFORE.test(clause())
        ? 'a participle without a date (a description, not a report)'
      : s.times.length === 0 && (ONGOING_BEFORE.test(clause()) || (/ing$/i.test(t.text) && PROGRESSIVE_BEFORE.test(clause())))
        ? 'ongoing or habitual, undated'
      : t.entry.kind === 'event' && t.entry.form === 'verb' && !pinned && (GENERIC_PERFECT.test(clause()) || PERFECT_LIST.test(s.text.slice(Math.max(0, at - 100), at)))
        ? 'a present perfect without a date or a toll: a general statement'
      : t.entry.form === 'verb' && s.times.length === 0 && STATE_BEFORE.test(clause()) ? 'a participle of state ("troops now deployed"), undated'
      : null;
    if (why) ctx.debug(() => `events: skip "${t.text}" (${why}) in: ${s.text}`);
    return !why;
  });
  // a weak noun beside a more specific trigger is the same event unless its own time expression
  // dates it apart: "captured the town on Monday after weeks of fighting" reports the capture;
  // a weak noun of another type that has a killing verb of its own is another event ("launched
  // an offensive on Monday, hours after bombings killed 31")
  const strong = asserted.filter((t) => !t.entry.weak && t.entry.kind !== 'casualty');
  // each trigger's nearest time once: the weak-noun test and the date both ask for it
  const nearest = new Map<Trigger, TimeMention | null>();
  const nearestOf = (t: Trigger) => {
    let m = nearest.get(t);
    if (m === undefined) nearest.set(t, (m = nearestTime(s.times, t, s)));
    return m;
  };
  const strongTimes = new Set(strong.map(nearestOf));
  if (strongTimes.size > 0) for (let i = asserted.length - 1; i >= 0; i--) {
    const t = asserted[i]!;
    if (!t.entry.weak || !strongTimes.has(nearestOf(t))) continue;
    if (!strong.some((x) => x.entry.event_type === t.entry.event_type) && OWN_VERB_AFTER.test(s.text.slice(t.span.end - base, t.span.end - base + 60))) continue;
    ctx.debug(() => `events: skip "${t.text}" (weak, a more specific trigger reports the event)`);
    asserted.splice(i, 1);
  }
  // a killing verb adds the toll to a more specific trigger in the same sentence ("a car bomb killed 12")
  const specific = asserted.some((t) => t.entry.kind !== 'casualty');
  const counts = s.counts.filter((c) => !c.total);
  let roadDone = false;
  let firm: TimeMention[] | undefined;
  // "A police colonel said there were skirmishes": who speaks is not, by the syntax, a party
  const listeners = SAYING.test(s.text) ? s.actors.filter((a) => !SPEAKS_AFTER.test(s.text.slice(a.span.end - base, a.span.end - base + 40))) : s.actors;
  const withoutSpeakers = listeners.length < s.actors.length ? { ...s, actors: listeners } : s;
  // triggers that can carry a toll (a killing verb adds its toll to them)
  const lethal = asserted.filter((x) => x.entry.kind !== 'casualty' && (x.entry.event_type === 'Battles' || x.entry.event_type === 'Explosions/Remote violence' || x.entry.event_type === 'Violence against civilians'));
  for (const t of asserted) {
    if (t.entry.kind === 'casualty' && (specific || counts.length === 0)) continue;
    const reasons = [`trigger "${t.text}" (${t.entry.id})`];
    const roles = readRoles(withoutSpeakers, t, ctx.dict);
    const placeMention = pickPlace(s, t, ctx);
    const country: Iso2 | null = placeMention.toponym?.country ?? ctx.focusCountry;
    // a government that fights or takes ground does so with its forces
    const combatant = (n: string | null) => (n && t.entry.event_type !== 'Strategic developments' && n.startsWith(GOVERNMENT) ? `Military Forces of ${n.slice(GOVERNMENT.length)}` : n);
    let agent = combatant(roles.agent ? resolveActor(sameForces(roles.agent, s), ctx, country) : null);
    let patient = combatant(roles.patient ? resolveActor(sameForces(roles.patient, s), ctx, country) : null);
    // civilians suffer violence; they are its actor only when they protest or riot
    if (agent?.startsWith('Civilians') && t.entry.event_type !== 'Protests' && t.entry.event_type !== 'Riots') {
      reasons.push(`"${roles.agent!.text}" names victims, not the actor`);
      // they suffered it when it kills or strikes; "the offensive started when 750,000 people lived there" did not target them
      if (t.entry.kind === 'casualty' || t.entry.event_type !== 'Battles') patient ??= agent;
      agent = null;
    }
    if (t.entry.actor1 === 'government') {
      // a court acts for the state; the subject is the defendant
      patient ??= agent;
      agent = roleName(ctx.dict, 'government', country);
      reasons.push('actor1: the government (the trigger data says the state acts)');
    } else if (t.entry.actor1 === 'speaker' && speaker(s, ctx, country)) {
      patient ??= agent;
      agent = speaker(s, ctx, country);
      reasons.push('actor1: the speaker (a declaration is made by who declares it)');
    } else if (roles.agent) reasons.push(`actor1 from "${roles.agent.text}" (${roles.how})`);
    if (roles.patient) reasons.push(`actor2 from "${roles.patient.text}"`);
    // "eight people, four of them attackers": the dead were not all civilians
    if (patient?.startsWith('Civilians') && roles.patient && MIXED_VICTIMS.test(s.text.slice(roles.patient.span.end - base, roles.patient.span.end - base + 60))) {
      reasons.push('the victims include fighters: not only civilians');
      patient = null;
    }
    firm ??= s.times.filter((m) => !isWeakMention(m));
    const when = pickDate(s, firm.length === s.times.length ? nearestOf(t) : nearestTime(firm, t, s), ctx);
    // a report cannot tell of a day after it was filed: "risks of food shortages in 2018" is a forecast
    if (when.window && ctx.pubDate && when.window.earliest > ctx.pubDate.latest) {
      ctx.debug(() => `events: skip "${t.text}" (dated after publication: a forecast, not a report) in: ${s.text}`);
      continue;
    }
    reasons.push(when.reason, placeMention.reason);
    if (when.ownDay) reasons.push(OWN_DAY);
    if (t.entry.weak && POSSESSIVE_DAY_BEFORE.test(s.text.slice(Math.max(0, t.span.start - base - 30), t.span.start - base))) {
      reasons.push(KNOWN_EVENT);
      if (placeMention.toponym && placeMention.reason.includes('in the sentence') && incidentalPlace(s, placeMention.toponym, ctx.nouns)) reasons.push(INCIDENTAL_PLACE);
    }
    const common = {
      span: s.span, evidence: s.text, date: when.window?.date ?? null, date_earliest: when.window?.earliest ?? null,
      date_latest: when.window?.latest ?? null, time_precision: when.window?.precision ?? 3, background: when.background,
    };
    const loc = {
      location: placeMention.toponym?.name ?? null, country, admin1: placeMention.toponym?.admin1 ?? null,
      lat: placeMention.toponym?.lat ?? null, lon: placeMention.toponym?.lon ?? null, geo_precision: placeMention.precision,
    };
    // history is coded only as a specific event: a named town-level place and a day or week
    // ("the Nov. 13 attacks in Paris"), not "the group seized territory in 2014"
    const vagueHistory = when.background && ((when.window?.precision ?? 3) === 3 || !placeMention.reason.includes('in the sentence')
      || placeMention.precision === 3);
    if (vagueHistory) ctx.debug(() => `events: "${t.text}" is background without a precise date and place: no event`);
    const opponent = (of: string | null) => (isStateActor(ctx.dict, of) ? ctx.mainNonState ?? UNIDENTIFIED : roleName(ctx.dict, 'military', country));

    if (t.entry.kind === 'control') {
      const dir = t.entry.direction!;
      let to = agent;
      let from = patient;
      if (dir === 'place-subject') { to = patient; from = null; }
      if (dir === 'loser-subject' || dir === 'transfer') { from = agent; to = combatant(roles.after ? resolveActor(roles.after, ctx, country) : null); }
      // "P had been liberated from X (by Y)": the subject is the place; X lost it ("driven from" holds its own "from")
      if (roles.how === 'passive' && dir === 'gainer-subject' && !/\b(?:from|out of)$/i.test(t.text)) {
        const lost = s.actors.find((a) => a.span.start >= t.span.end && /^\s+from\s+(?:the\s+)?$/i.test(s.text.slice(t.span.end - base, a.span.start - base)));
        from = lost ? combatant(resolveActor(lost, ctx, country)) : null;
      }
      const inferred = !to;
      if (!to && from) to = opponent(from);
      if (!to) to = roleName(ctx.dict, 'military', country);
      if (inferred) reasons.push(INFERRED_GAINER);
      if (!from || from === to) from = opponent(to);
      // "cut the road out of P, severing the highway between...": one road, reported twice
      const road = isRoadTrigger(t);
      const targets = road && roadDone ? 'restates the road cut before it' : placesOfControl(s, t, placeMention, ctx);
      roadDone ||= road;
      if (typeof targets === 'string') {
        ctx.debug(() => `events: control "${t.text}" ${targets}`);
        continue;
      }
      const ruleId = `events.${t.entry.id}`;
      for (const p of targets) controls.push({
        rule: ruleId, confidence: confidence(0.55, roles, placeMention), reasons: [...reasons, p.reason, `to ${to}, from ${from}`, ...(p.site ? [SITE] : [])],
        place: p.name, country: p.toponym.country ?? loc.country, lat: p.toponym.lat, lon: p.toponym.lon, from_actor: from, to_actor: to,
        ...common,
      });
      const first = targets[0]!.toponym;
      const nonViolent = dir === 'transfer';
      if (!vagueHistory) events.push({
        rule: ruleId, confidence: confidence(0.5, roles, placeMention), reasons,
        event_type: nonViolent ? 'Strategic developments' : 'Battles',
        sub_event_type: nonViolent ? 'Non-violent transfer of territory' : isStateActor(ctx.dict, to) ? 'Government regains territory' : 'Non-state actor overtakes territory',
        actor1: to, actor2: from, ...loc, location: first.name, country: first.country ?? loc.country, admin1: first.admin1, lat: first.lat, lon: first.lon,
        geo_precision: first === placeMention.toponym ? placeMention.precision : BROAD_KINDS.has(first.kind) ? 3 : 1,
        fatalities: null, fatalities_min: null, fatalities_text: null, ...common,
      });
      continue;
    }

    if (vagueHistory) continue;
    let eventType = t.entry.event_type!;
    let sub = t.entry.sub_event_type!;
    if (t.entry.weak && t.entry.event_type === 'Battles' && explosiveOf(s, t) && !asserted.some((x) => !x.entry.weak && x.entry.event_type === 'Explosions/Remote violence')) {
      eventType = 'Explosions/Remote violence';
      sub = 'Remote explosive/landmine/IED';
      reasons.push('a general attack noun whose own phrase names an explosive: a bombing');
    }
    const patientRole = roles.patient?.role ?? null;
    const civilianVictims = patientRole === 'civilians' || (patient?.startsWith('Civilians') ?? false);
    if (t.entry.kind === 'casualty' || (eventType === 'Battles' && civilianVictims)) {
      // who died decides the type: civilians -> violence against civilians, fighters -> a clash
      if (civilianVictims && !isStateActor(ctx.dict, agent) || (civilianVictims && !agent)) {
        eventType = 'Violence against civilians';
        sub = 'Attack';
        agent ??= ctx.mainNonState ?? UNIDENTIFIED;
      }
    }
    // an air strike's subject that has no air force is its target ("rebels hold the district,
    // which warplanes bombed"); a named modifier or by-phrase ("Houthi drone strikes") is kept
    if (sub === 'Air/drone strike' && roles.how === 'subject' && agent && !isStateActor(ctx.dict, agent)) {
      reasons.push(`"${roles.agent!.text}" is the target of the air strike, not its actor`);
      patient ??= agent;
      agent = null;
    }
    if (eventType === 'Protests') {
      // ACLED names protesters by country; who they support or oppose is not the actor
      agent = country ? `Protesters (${countryLabel(ctx.dict, country)})` : null;
      patient = null;
    }
    if (eventType === 'Battles') {
      // "fighters clashed with Houthi forces" in a Houthi story: a general word cannot fight the group it corefers to
      if (agent && agent === patient && roles.agent?.how === 'contextual' && roles.patient?.how !== 'contextual') {
        reasons.push(`"${roles.agent.text}" fights ${patient}: the other side`);
        agent = null;
      }
      if (agent && agent === patient) patient = null;
      // "71 fighters were killed, the Turkish military said": a named force reporting a fight it
      // names no side of is the side that fought; a bare "police said" is a routine source
      const said = !agent ? speaker(s, ctx, country, true) : null;
      if (said && said !== patient && isStateActor(ctx.dict, said) && !said.startsWith('Government of')) {
        agent = said;
        reasons.push(`actor1: the speaker "${said}" (a party reporting its own fight)`);
      }
      if (!agent && patient) agent = opponent(patient);
      if (agent && !patient) patient = opponent(agent);
      if (!agent && !patient) { agent = roleName(ctx.dict, 'military', country); patient = ctx.mainNonState ?? UNIDENTIFIED; }
    } else if (!agent && eventType === 'Explosions/Remote violence') {
      const holder = firedFrom(s, t);
      agent = holder ? resolveActor(holder, ctx, country)
        : sub === 'Air/drone strike' || sub === 'Shelling/artillery/missile attack' ? roleName(ctx.dict, 'military', country) : ctx.mainNonState ?? UNIDENTIFIED;
      reasons.push(holder ? `actor1: "${holder.text}", who hold the ground it was fired from` : `actor1 defaulted for ${sub}`);
    }
    else if (!agent && sub === 'Arrests') {
      agent = roleName(ctx.dict, 'police', country);
      reasons.push('actor1 defaulted to the police of the event country');
    } else if (!agent && eventType === 'Violence against civilians') {
      // "one man was beheaded": with no perpetrator named, the story's armed group
      agent = ctx.mainNonState ?? UNIDENTIFIED;
      reasons.push('actor1 defaulted to the story\'s main armed group');
    } else if (!agent && sub === 'Disrupted weapons use') {
      // a bomb defused or a car bomb destroyed before it struck: the state's forces stopped it
      agent = roleName(ctx.dict, 'military', country);
      reasons.push('actor1 defaulted to the forces of the event country');
    }
    if (!patient && eventType === 'Explosions/Remote violence' && agent) patient = isStateActor(ctx.dict, agent) ? ctx.mainNonState : null;
    if (agent === patient && eventType !== 'Battles') patient = null;
    // "arrested three men in A, and a fourth in the city of B": one event per town the arrests were made in
    if (sub === 'Arrests' && placeMention.toponym && placeMention.reason.includes('in the sentence')) {
      const first = placeMention.toponym;
      for (const p of s.places) {
        if (p === first || p.span.start <= first.span.end || p.lat === null || BROAD_KINDS.has(p.kind) || p.name === first.name) continue;
        if (!ANOTHER_ARREST.test(s.text.slice(first.span.end - base, p.span.start - base))) continue;
        events.push({
          rule: `events.${t.entry.id}`, confidence: confidence(0.55, roles, placeMention), reasons: [...reasons, `a second place of arrests "${p.text}"`],
          event_type: eventType, sub_event_type: sub, actor1: agent, actor2: patient, ...loc, location: p.name, country: p.country ?? loc.country,
          admin1: p.admin1, lat: p.lat, lon: p.lon, geo_precision: 1, fatalities: null, fatalities_min: null, fatalities_text: null, ...common,
        });
      }
    }
    const count = countOf(counts, t, lethal);
    if (count) reasons.push(`fatalities "${count.text}"`);
    // "a second blast", "another attack": the words say it is a new event, not a restatement
    const another = t.entry.weak && ANOTHER_BEFORE.test(s.text.slice(Math.max(0, t.span.start - base - 20), t.span.start - base));
    events.push({
      rule: `events.${t.entry.id}${another ? '+another' : ''}`, confidence: confidence(t.entry.kind === 'casualty' ? 0.45 : 0.55, roles, placeMention), reasons,
      event_type: eventType, sub_event_type: sub, actor1: agent, actor2: patient, ...loc,
      fatalities: count?.fatalities ?? null, fatalities_min: count?.min ?? null, fatalities_text: count?.text ?? null, ...common,
    });
  }
  return { events: dedupe(events), controls };
}

/**
 * The places a control trigger is about (ControlPlaceResolver), else the toponym the sentence
 * names for it; a string says why there is none.
 */
function placesOfControl(s: SentenceInput, t: Trigger, pm: ReturnType<typeof pickPlace>, ctx: CoderContext): ControlPlace[] | string {
  const inSentence = pm.reason.includes('in the sentence');
  const anchor = pm.toponym && inSentence && !BROAD_KINDS.has(pm.toponym.kind) ? pm.toponym : ctx.focusPlace;
  const passive = PASSIVE_BEFORE.test(s.text.slice(Math.max(0, t.span.start - s.span.start - 30), t.span.start - s.span.start));
  const found = controlPlaces(s, t, passive, { nouns: ctx.nouns, storyPlaces: ctx.storyPlaces, anchor });
  if (found === 'vague') return 'names a vague or partial place (no change of the whole place)';
  if (found) return found;
  // "the couple ... were seized late on Friday": a passive whose subject is no place seized people, not
  // ground; "driven from P" names its place after it, "P, which was retaken" in a relative clause
  const rel = (x: number) => x - s.span.start;
  if (passive && !/\b(?:from|out of)$/i.test(t.text)
    && !(pm.toponym && pm.toponym.span.end <= t.span.start && RELATIVE_BETWEEN.test(s.text.slice(rel(pm.toponym.span.end), rel(t.span.start)))))
    return 'the passive subject names no place';
  if (!pm.toponym || !inSentence || pm.toponym.kind === 'country') return 'has no place';
  return [{ toponym: pm.toponym, name: pm.toponym.name, site: false, reason: pm.reason }];
}

const TERRITORY_AFTER = /^\s+(?:on|in|inside|into|onto)\s+(?:the\s+)?([A-Z][\w.]*)\s+(?:territory|soil|side of the border)\b/;
const RELATIVE_BETWEEN = /^\s*,?\s*(?:which|that)\s+(?:[\w’'-]+\s+){0,4}$/i;
const SPEAKS_AFTER = /^\s+(?:[\w-]+\s+){0,2}(?:said|says|told)\b/;
/** SPEAKS_AFTER's verbs: a sentence without them has no speaker to set aside (one regex test, not a substring test per verb). */
const SAYING = /said|says|told/;
const SAY = /\b(?:said|says|told|announced|declared|determined|concluded|stated|reported)\b/g;
const speakers = new WeakMap<SentenceInput, ActorMention | null>();
/**
 * Who speaks in the sentence: the actor right before a verb of saying ("the United States said",
 * "A police colonel said") or right after it ("..., said the army"). Null when none is named.
 */
function speaker(s: SentenceInput, ctx: CoderContext, country: Iso2 | null, named = false): string | null {
  let found = speakers.get(s);
  if (found === undefined) {
    found = null;
    const base = s.span.start;
    SAY.lastIndex = 0;
    for (let m = SAY.exec(s.text); m && !found; m = SAY.exec(s.text)) {
      const at = base + m.index;
      const end = at + m[0].length;
      const said = m.index;
      found = s.actors.find((a) => a.span.end <= at && at - a.span.end <= 24 && !/[,;]|\b(?:and|that|who|which)\b/.test(s.text.slice(a.span.end - base, said)))
        ?? s.actors.find((a) => a.span.start >= end && a.span.start - end <= 6) ?? null;
    }
    speakers.set(s, found);
  }
  return found && !(named && found.how === 'contextual') ? resolveActor(found, ctx, country) : null;
}

interface Roles {
  agent: ActorMention | null;
  patient: ActorMention | null;
  /** First actor after the trigger (the receiver of "lost P to X", "handed P to X"). */
  after: ActorMention | null;
  how: string;
}

/**
 * "the warplanes", "troops": a bare force word after a named force of some country in the same
 * sentence ("The Turkish military said 11 warplanes struck...") belongs to that country, and
 * "troops from Niger" to the country named after it (not "troops from Iraq's Kurdish region").
 */
function sameForces(m: ActorMention, s: SentenceInput): ActorMention {
  if (m.how !== 'contextual' || m.role !== 'military') return m;
  const rel = (x: number) => x - s.span.start;
  // "troops from Iraq's Kurdish region": a possessive country names where the forces come from, not whose they are
  const from = s.places.find((p) => p.kind === 'country' && p.country && p.span.start >= m.span.end
    && /^\s+from\s+(?:neighbou?ring\s+)?$/i.test(s.text.slice(rel(m.span.end), rel(p.span.start))) && !/^['’]s\b/.test(s.text.slice(rel(p.span.end), rel(p.span.end) + 3)));
  if (from) return { ...m, country: from.country };
  // the nearest such mention before it (a walk back, no reversed copy)
  for (let i = s.actors.length - 1; i >= 0; i--) {
    const a = s.actors[i]!;
    if (a.span.end <= m.span.start && a.country && a.role === 'military' && a.how === 'demonym') return { ...m, country: a.country };
  }
  return m;
}

// the actor after these is an object or an oblique ("drove IS from", "fired at the army"), not the doer
const OBLIQUE_BEFORE = /\b(?:from|against|at|on|with|of|to|into|toward|towards|by|over|near|in|for|inside|around)\s+(?:the\s+|its\s+|their\s+)?(?:(?:exiled|ousted|former|deposed)\s+)?(?:[A-Z][\w.’'-]*['’]s\s+)?$/i;
const PASSIVE_BETWEEN = /\b(?:was|were|been|being)\s+(?:\w+ly\s+)?\w+(?:ed|en)\b/i;
// a by-phrase past a comma or a subordinator belongs to another clause ("launched an offensive, hours after bombings blamed on X")
const CLAUSE_BREAK = /[,;]|\b(?:after|before|when|while|as|since|because)\b/i;
// ("bombings blamed on the group": the group set them off)
const REDUCED_RELATIVE = /^\s+(?:a|an|the|its|their|his|her)\s+(?:[\w’'-]+\s+){0,3}?(?:\w+(?:ed|en)|held|run|led|built|kept)\s+by\s+(?:the\s+)?(?:[\w’'-]+\s+){0,2}$/i;
// intransitive death words: the mention before them died ("two militants lay dead")
const DIED = /^(?:dead|died|slain|lay dead|lost their lives|deaths?)$/i;

function readRoles(s: SentenceInput, t: Trigger, dict: ActorDictionary): Roles {
  const textAt = (a: number, b: number) => s.text.slice(a - s.span.start, b - s.span.start);
  // "an Ankara car bombing": the town before the noun is its place, not a party (townBefore)
  const town = townBefore(s, t);
  const leftAll = s.actors.filter((a) => a.span.end <= t.span.start && !(town && town.span.start <= a.span.start && a.span.end <= town.span.end)).reverse();
  // the doer is the nearest mention on the left that is not an object of an earlier verb or a preposition
  const nearest = leftAll.find((a) => !OBLIQUE_BEFORE.test(textAt(Math.max(s.span.start, a.span.start - 20), a.span.start))
    && !objectOfTrigger(s, a)) ?? leftAll[0] ?? null;
  const left = nearest ? headOf(nearest, leftAll, textAt) : null;
  if (t.entry.kind === 'casualty' && DIED.test(t.text)) return { agent: null, patient: leftAll[0] ?? null, after: null, how: 'intransitive death' };
  const rightAll = s.actors.filter((a) => a.span.start >= t.span.end);
  // "stormed a base used by Kenyan troops": a by-phrase of a participle after the trigger's object is not the trigger's agent
  const byActor = rightAll.find((a) => /\b(?:by|blamed on)\s+(?:the\s+)?(?:[\w’'-]+\s+){0,2}$/i.test(textAt(Math.max(t.span.end, a.span.start - 40), a.span.start))
    && a.span.start - t.span.end < 60 && !REDUCED_RELATIVE.test(textAt(t.span.end, a.span.start)) && !CLAUSE_BREAK.test(textAt(t.span.end, a.span.start))) ?? null;
  const right = rightAll.find((a) => a !== byActor) ?? null;
  const passive = PASSIVE_BEFORE.test(textAt(Math.max(s.span.start, t.span.start - 30), t.span.start)) || (byActor !== null && byActor === rightAll[0]);
  // a demonym right before a noun trigger acts: "Russian air strikes", "Turkish shelling"
  const modifier = t.entry.form === 'noun' ? demonymBefore(s, t, dict) ?? (left && t.span.start - left.span.end <= 1 ? left : null) : null;
  if (t.entry.kind === 'control' && t.entry.direction === 'place-subject') return { agent: null, patient: right, after: right, how: 'place-subject' };
  // "the arrival of U.S. Marines", "Houthi drone strikes": an actor inside a noun trigger is its actor
  // (or overlapping its start: "Saudi-led coalition warplanes pounded" holds the trigger "warplanes pounded")
  const inside = t.entry.kind === 'event' ? s.actors.find((a) => a.span.end > t.span.start && a.span.start < t.span.end) : undefined;
  // "a member of Islamic State had been captured": who is arrested, not who arrests
  if (inside && t.entry.sub_event_type === 'Arrests') return { agent: byActor, patient: inside, after: right, how: 'arrested, inside the trigger' };
  if (inside) return { agent: inside, patient: right, after: right, how: 'inside the trigger' };
  if (passive) return { agent: byActor, patient: left, after: right, how: 'passive' };
  // "rebels were killed by a mine": the subject of a passive verb before a noun trigger suffered it
  if (t.entry.form === 'noun' && left && PASSIVE_BETWEEN.test(textAt(left.span.end, t.span.start)))
    return { agent: byActor, patient: left, after: right, how: 'passive clause' };
  if (modifier) return { agent: modifier, patient: right, after: right, how: 'modifier' };
  if (t.entry.form === 'noun' && byActor) return { agent: byActor, patient: left ?? right, after: right, how: 'by-phrase' };
  const after = right && /\bto\s+(?:the\s+)?$/i.test(textAt(Math.max(t.span.end, right.span.start - 10), right.span.start)) ? right : rightAll.find((a) => /\bto\s+(?:the\s+)?$/i.test(textAt(Math.max(t.span.end, a.span.start - 10), a.span.start))) ?? null;
  return { agent: left, patient: right, after, how: 'subject' };
}

/**
 * The head of a subject: "the army and Shi'ite militias" -> the army (the first conjunct acts);
 * "Rapid Response, an elite interior ministry division," -> Rapid Response (an apposition
 * describes the name before it).
 */
function headOf(m: ActorMention, leftAll: ActorMention[], textAt: (a: number, b: number) => string): ActorMention {
  let head = m;
  if (head.how === 'contextual') {
    // words inside the apposition ("an elite interior ministry division") may be mentions too: skip to the name
    const name = leftAll.find((p) => p.span.end <= head.span.start && p.how !== 'contextual');
    if (name && APPOSITION.test(textAt(name.span.end, head.span.start))) head = name;
  }
  for (const prev of leftAll) {
    if (prev.span.end > head.span.start) continue;
    if (!/^\s+(?:and|as well as|along with)\s+(?:the\s+)?$/i.test(textAt(prev.span.end, head.span.start))) break;
    head = prev;
  }
  return head;
}

const APPOSITION = /^\s*,\s+(?:an?|the)\s+(?:[\w’'-]+\s+){0,4}$/i;

/** True when a verb trigger of the sentence stands right before the mention or holds it ("drove IS from"): its object. */
function objectOfTrigger(s: SentenceInput, a: ActorMention): boolean {
  return s.triggers.some((t) => t.entry.form === 'verb' && (t.span.start < a.span.start && a.span.end <= t.span.end
    || t.span.end <= a.span.start && /^\s+(?:the\s+)?$/.test(s.text.slice(t.span.end - s.span.start, a.span.start - s.span.start))));
}

/**
 * "an Ankara car bombing", "the Paris attacks": a town's name right before a noun trigger is where
 * it happened, even when the name can stand for a government ("Ankara said"). Countries and
 * regions before a noun are left to the actor reading ("U.S. air strikes").
 */
function townBefore(s: SentenceInput, t: Trigger): Toponym | null {
  if (t.entry.form !== 'noun') return null;
  return s.places.find((p) => p.span.end <= t.span.start && t.span.start - p.span.end <= 1 && p.lat !== null && !BROAD_KINDS.has(p.kind)) ?? null;
}

/** "Russian air strikes", "Turkish shelling": a bare demonym before a noun trigger names the forces. */
function demonymBefore(s: SentenceInput, t: Trigger, dict: ActorDictionary): ActorMention | null {
  const rel = t.span.start - s.span.start;
  const m = /([A-Z][\w.]*)\s+$/.exec(s.text.slice(Math.max(0, rel - 30), rel));
  if (!m) return null;
  const code = countryOfDemonym(dict, m[1]!);
  if (!code) return null;
  const start = t.span.start - m[0].length;
  return { span: { start, end: start + m[1]!.length }, text: m[1]!, name: null, role: 'military', country: code, how: 'demonym' };
}

function pickPlace(s: SentenceInput, t: Trigger, ctx: CoderContext): { toponym: Toponym | null; precision: 1 | 2 | 3; reason: string } {
  let best: Toponym | null = null;
  let bestScore = Infinity;
  const wantBefore = t.entry.kind === 'control' && t.entry.direction === 'place-subject';
  const town = townBefore(s, t);
  for (const p of s.places) {
    if (p.lat === null) continue;
    // "Turkey said", "Ankara wants": a place name standing for its government is an actor here
    if (p !== town && s.actors.some((a) => a.span.start <= p.span.start && p.span.end <= a.span.end)) continue;
    const after = p.span.start >= t.span.end;
    const dist = after ? p.span.start - t.span.end : t.span.start - p.span.end;
    const before = s.text.slice(Math.max(0, p.span.start - s.span.start - 40), p.span.start - s.span.start);
    let score = dist + (p.kind === 'country' ? 300 : p.kind === 'admin1' || p.kind === 'region' ? 120 : 0);
    score += wantBefore ? (after ? 80 : 0) : after ? 0 : 30;
    if (LOCATIVE_BEFORE.test(before)) score -= 15;
    // "a monitor based in Britain": where a source sits, not where the event happened
    if (BASED_BEFORE.test(before)) continue;
    if (score < bestScore) { best = p; bestScore = score; }
  }
  // declarations, verdicts and claims happen where they are made: the dateline city, unless the
  // sentence names a town ("WASHINGTON - ... genocide in Iraq and Syria, the United States said")
  const d = ctx.datelinePlace;
  if (d && t.entry.statement && (!best || BROAD_KINDS.has(best.kind)))
    return { toponym: d, precision: 1, reason: `place: dateline "${d.name}" (a statement is made where it is filed)` };
  // "the first air strike on Syrian territory, ... for bomb attacks in Baghdad": the demonym right
  // after the trigger names the country it hit, before any place named further on
  const soil = TERRITORY_AFTER.exec(s.text.slice(t.span.end - s.span.start, t.span.end - s.span.start + 60));
  const code = soil ? countryOfDemonym(ctx.dict, soil[1]!) : null;
  const land = code ? ctx.storyPlaces.find((p) => p.kind === 'country' && p.country === code && p.lat !== null) : undefined;
  if (land && (!best || best.span.start >= t.span.end + soil![0].length))
    return { toponym: land, precision: 3, reason: `place: "${soil![0].trim()}" names the country` };
  if (best) {
    const before = s.text.slice(Math.max(0, best.span.start - s.span.start - 40), best.span.start - s.span.start);
    const precision: 1 | 2 | 3 = best.kind === 'country' || best.kind === 'admin1' ? 3 : best.kind === 'region' || APPROX_BEFORE.test(before) ? 2 : 1;
    return { toponym: best, precision, reason: `place "${best.text}" in the sentence` };
  }
  const f = ctx.focusPlace;
  return { toponym: f, precision: f && (f.kind === 'country' || f.kind === 'admin1') ? 3 : 2, reason: f ? `${FOCUS_PLACE} "${f.name}"` : 'no place' };
}

// "the Istanbul club said": a determiner, the place name, then a common noun that is neither a
// place noun nor a function word or verb: the name says what the noun belongs to, not where an event was;
// "a nurse from Kano": a noun (no verb of motion or a past form) before "from" says where someone is from
const ORIGIN_BEFORE = /\b(?!(?:fled|came|come|comes|went|drove|ran|withdrew|flew|fired|returned|moved|escaped|retreated|arrived|away|out|far|miles|km|kilometers|kilometres)\b)[a-z][a-z-]*(?<!ed|ing)\s+from\s+$/;
const DETERMINER_BEFORE = /\b(?:the|a|an|its|their|his|her|this|that)\s+$/i;
const NOUN_AFTER = /^\s+(?!(?:and|or|but|of|in|on|at|to|for|with|by|from|into|near|was|were|is|are|has|had|have|said|says|told|which|who|that|where|when)\b)([a-z][a-z-]*)\b(?<!(?:ed|ly))/;

/** True when the toponym is the modifier of a noun that names no place ("the Istanbul club") or a person's origin ("a nurse from Kano"). */
function incidentalPlace(s: SentenceInput, p: Toponym, nouns: PlaceNouns): boolean {
  const rel = (x: number) => x - s.span.start;
  if (ORIGIN_BEFORE.test(s.text.slice(Math.max(0, rel(p.span.start) - 30), rel(p.span.start)))) return true;
  if (!DETERMINER_BEFORE.test(s.text.slice(Math.max(0, rel(p.span.start) - 12), rel(p.span.start)))) return false;
  const noun = NOUN_AFTER.exec(s.text.slice(rel(p.span.end), rel(p.span.end) + 30))?.[1];
  return !!noun && !nouns.settlement.test(noun) && !nouns.facility.test(noun) && !/^(?:province|governorate|region|state|county|area|areas)$/.test(noun);
}

/** "rockets fired from rebel-held territory": the mention holding the ground the fire came from, after the trigger. */
function firedFrom(s: SentenceInput, t: Trigger): ActorMention | null {
  const rel = (x: number) => x - s.span.start;
  return s.actors.find((a) => a.span.start >= t.span.end && /^-(?:held|controlled)\b/i.test(s.text.slice(rel(a.span.end), rel(a.span.end) + 12))
    && /\bfrom\s+(?:the\s+)?(?:[\w’'-]+\s+)?$/i.test(s.text.slice(Math.max(0, rel(a.span.start) - 30), rel(a.span.start)))) ?? null;
}

/** An explosive tied to the attack noun by the syntax (see EXPLOSIVE_MODIFIER, EXPLOSIVE_USED_IN, EXPLOSIVE_MEANS_AFTER). */
function explosiveOf(s: SentenceInput, t: Trigger): boolean {
  const at = t.span.start - s.span.start;
  const end = t.span.end - s.span.start;
  const before = s.text.slice(Math.max(0, at - 80), at);
  return EXPLOSIVE_MODIFIER.test(before) || EXPLOSIVE_USED_IN.test(before) || EXPLOSIVE_MEANS_AFTER.test(s.text.slice(end, end + 80).split(/[;.]/)[0]!);
}

/** "units battled sniper and mortar fire": a weapon noun in the clause of a battle verb, after it (not of a fire verb: "fired at them with rockets"). */
function foughtAgainst(s: SentenceInput, t: Trigger): boolean {
  const clause = clauseBefore(s.text, t.span.start - s.span.start);
  const clauseStart = t.span.start - clause.length;
  return s.triggers.some((v) => v !== t && v.entry.kind === 'event' && v.entry.form === 'verb' && v.entry.event_type === 'Battles' && v.entry.id !== FIRE
    && v.span.start >= clauseStart && v.span.end <= t.span.start && !SUBORDINATE.test(s.text.slice(v.span.end - s.span.start, t.span.start - s.span.start)));
}

// "police raided a flat after 30 people were killed in a car bombing": a subordinate clause reports an event of its own
const SUBORDINATE = /\b(?:after|before|when|while|since|following|because|until|as)\b/i;

/** Trigger id of "fired at", "firing on": a clash unless the clause names the weapon fired. */
const FIRE = 'battle.fire';
const WITH_WEAPON = /^[^,;:.]*?\bwith\s+(?:[\w’'-]+\s+){0,3}$/i;

/** "firing at the army with rockets": a remote weapon named as the means of the fire, after it in its clause. */
function firedWith(s: SentenceInput, t: Trigger): boolean {
  return s.triggers.some((w) => w.entry.form === 'noun' && w.entry.event_type === 'Explosions/Remote violence' && w.span.start >= t.span.end
    && WITH_WEAPON.test(s.text.slice(t.span.end - s.span.start, w.span.start - s.span.start)));
}

// "captured the east in January after 100 days of fighting and launched their attack on Feb. 19":
// a time across a coordinated verb or a subordinate clause dates that other clause
const CLAUSE_BETWEEN = /\band\s+(?:\w+ly\s+)?(?:\w+ed|began|took|went|made|won|fought|saw|launch)\b|\b(?:after|before|then|when|while|until)\b|[;]/i;

/** The time mention nearest the trigger (either side), preferring its own clause, or null. */
function nearestTime(times: TimeMention[], t: Trigger, s: SentenceInput): TimeMention | null {
  let best: TimeMention | null = null;
  let bd = Infinity;
  for (const m of times) {
    const after = m.span.start >= t.span.end;
    let d = after ? m.span.start - t.span.end : t.span.start - m.span.end;
    const between = after ? s.text.slice(t.span.end - s.span.start, m.span.start - s.span.start) : s.text.slice(m.span.end - s.span.start, t.span.start - s.span.start);
    if (CLAUSE_BETWEEN.test(after ? between : between + t.text)) d += 200;
    if (d < bd) { best = m; bd = d; }
  }
  return best;
}

function pickDate(s: SentenceInput, near: TimeMention | null, ctx: CoderContext): { window: DateWindow | null; background: boolean; ownDay: boolean; reason: string } {
  const pub = ctx.pubDate;
  if (!pub) return { window: null, background: false, ownDay: false, reason: 'no date' };
  // each trigger takes the date nearest it, since one sentence may report two days ("took X in
  // January and on Feb. 19 launched..."): ranking the sentence's dates by precision alone (the
  // time stage's eventDateFor) dated the January capture Feb. 19 and raised dev FPs by 5. Onsets
  // ("since May") and future cues count only when nothing firmer is there; the undated window
  // and the background test are the time stage's. `near` is the firm time nearest the trigger
  const w = eventDateFor(s, pub, near ? [near] : s.times);
  const bg = isBackground(w, pub);
  // a weekday or a date names a day even when an uncertain publication date widens its window
  return { window: w, background: bg, ownDay: w.rule.endsWith('.day'), reason: `${w.reasons[0]}${bg ? ' (background)' : ''}` };
}


/**
 * The count the trigger reports: each count belongs to the one trigger nearest it, so "jets struck
 * P after 37 people were killed in a car bombing" gives the toll to the bombing, not the strike.
 */
function countOf(counts: CasualtyCount[], t: Trigger, triggers: Trigger[]): CasualtyCount | null {
  const gap = (c: CasualtyCount, x: Trigger) => (c.span.start >= x.span.end ? c.span.start - x.span.end : Math.max(0, x.span.start - c.span.end));
  let best: CasualtyCount | null = null;
  for (const c of counts) {
    const d = gap(c, t);
    if (triggers.some((x) => x !== t && gap(c, x) < d)) continue;
    if (!best || d < gap(best, t)) best = c;
  }
  return best;
}

function confidence(base: number, r: Roles, p: { toponym: Toponym | null; reason: string }): number {
  let c = base;
  if (r.agent?.name) c += 0.15;
  else if (r.agent) c += 0.08;
  if (p.reason.includes('in the sentence')) c += 0.15;
  return Math.min(0.95, c);
}

/** Within a sentence, one event per type, sub-type and place (the first trigger states it). */
function dedupe(events: CodedEvent[]): CodedEvent[] {
  const seen = new Set<string>();
  return events.filter((e) => {
    const k = `${e.event_type}|${e.sub_event_type}|${e.location}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

