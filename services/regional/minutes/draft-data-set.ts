/**
 * The draft data set of one set of minutes in the repository's file format (data/format.ts):
 * the body, the people, their seats, and the meeting with its attendance and agenda items.
 *
 * Ids follow the hand-made files: `<region>-person-<name>`, the body `<cluster>-<name without
 * the cluster's>`, the meeting `<body>-<date>`, items `<meeting>-punkt-<number>`, seats
 * `<body>-<person>`. Every record cites the section it comes from ("Punkt 3: …", the title line).
 */
import { AttendanceStatus, BodyLevel, MeetingStatus } from '../../../schema/contract';
import type { DataFile } from '../data/format';
import type { ReadItem, UnplacedLine } from './agenda-item';
import { copenhagenDateTime, danishDate, danishTime } from './danish-time';
import { labelValue, type MinutesLayout } from './layout';
import { inlineEntries, looksLikeName, type Participant } from './participants';
import type { KnownBody, RegionRecords } from './region-records';
import { slug } from './slug';

/** Words of a body's name and the level they name (schema/contract/people.ts). */
const LEVEL_WORDS: Array<[RegExp, BodyLevel, string]> = [
  [/politisk/i, BodyLevel.POLITICAL, 'politisk'],
  [/strategisk/i, BodyLevel.STRATEGIC, 'fagligt-strategisk'],
  [/direktør/i, BodyLevel.DIRECTORS, 'direktoerforum'],
  [/chef/i, BodyLevel.MANAGERS, 'chefforum'],
  [/sekretariat/i, BodyLevel.SECRETARIAT, 'sekretariat'],
  [/drift/i, BodyLevel.OPERATIONAL, 'driftsforum'],
];

function levelOf(text: string): { level: BodyLevel; word: string } | null {
  const found = LEVEL_WORDS.find(([pattern]) => pattern.test(text));
  return found ? { level: found[1], word: found[2] } : null;
}

const normal = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();

export interface DraftInput {
  document: string;
  clusterId: string;
  layout: MinutesLayout;
  items: ReadItem[];
  region: RegionRecords;
}

export function draftDataSet({ document, clusterId, layout, items, region }: DraftInput): { dataSet: DataFile; unplaced: UnplacedLine[] } {
  const unplaced: UnplacedLine[] = [];
  const titleSection = layout.titleLine!.text;
  const bodyName = layout.bodyName!;

  // The body: the region's own record when it has one of that name in the cluster.
  const clusterName = region.cluster?.name ?? null;
  // Minutes of another cluster's body are not guessed into this one.
  const named = /\bSundhedsklynge\s+\p{Lu}[\p{L}-]*/u.exec(bodyName)?.[0] ?? null;
  if (named !== null && clusterName !== null && normal(named) !== normal(clusterName)) {
    throw new Error(`the minutes are of ${named}, not of ${clusterName} (${clusterId}): give the cluster the minutes name`);
  }
  const escaped = clusterName?.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const ownName = escaped ? bodyName.replace(new RegExp(`(^|\\s)${escaped}(?=$|[\\s,.])`, 'iu'), '$1').trim() : bodyName;
  // Minutes titled with the cluster's name alone name their body where they address it:
  // "Det indstilles, at politisk niveau i Sundhedsklynge …".
  const addressed = items
    .map((i) => i.recommendationIntro)
    .filter((t): t is string => t !== null)
    .map((t) => /^Det\s+indstilles,?\s+at\s+(.+?)(?:\s+i\s+.+)?:?$/i.exec(t)?.[1] ?? '')
    .find((t) => levelOf(t) !== null);
  const level = levelOf(ownName === '' ? (addressed ?? '') : ownName);
  const known: KnownBody | undefined =
    region.bodies.find((b) => normal(b.name) === normal(bodyName) || (ownName !== '' && normal(b.name) === normal(ownName))) ??
    (ownName === '' && level ? region.bodies.find((b) => b.level === level.level && clusterName !== null && normal(b.name).includes(normal(clusterName))) : undefined);
  const bodyId = known?.id ?? `${clusterId}-${slug(ownName) || level?.word || 'forum'}`;
  const body = {
    id: bodyId,
    clusterId,
    name: known?.name ?? bodyName,
    level: (known?.level as BodyLevel | undefined) ?? level?.level ?? BodyLevel.OTHER,
    description: null,
    section: titleSection,
  };

  // Date and time: "Mødedato …" first, the title's date where that gives none.
  const dateText = labelValue(layout.dateLine);
  const date = (dateText ? danishDate(dateText) : null) ?? (layout.titleDate ? danishDate(layout.titleDate) : null);
  const time = dateText ? danishTime(dateText) : null;
  if (dateText && layout.titleDate && danishDate(dateText) !== null && danishDate(dateText) !== danishDate(layout.titleDate)) {
    unplaced.push({ line: layout.dateLine!.number, text: layout.dateLine!.text, reason: `the date differs from the title's (${layout.titleDate}); the Mødedato line is kept` });
  }
  if (date === null) throw new Error('no meeting date: neither the title nor a "Mødedato" line gives a day');
  const meetingId = `${bodyId}-${date}`;

  const people = new Map<string, { id: string; name: string; section: string }>();
  const personId = (name: string, section: string) => {
    const id = `${region.region}-person-${slug(name)}`;
    if (!people.has(id)) people.set(id, { id, name, section });
    return id;
  };

  // Participants: the grouped list of a participants item, or the inline line.
  const participantsItem = items.find((i) => i.participants.length > 0);
  const participants: Array<Participant & { section: string }> = [];
  if (participantsItem) {
    for (const p of participantsItem.participants) participants.push({ ...p, section: p.group ? `${participantsItem.section.heading} (${p.group})` : participantsItem.section.heading });
  } else if (layout.inlineParticipantsLine) {
    const line = layout.inlineParticipantsLine;
    const label = line.text.split(/\s+/)[0].replace(/:$/, '');
    const { entries, unread } = inlineEntries(line.text.slice(line.text.indexOf(' ') + 1));
    for (const e of entries) participants.push({ name: e.name, role: null, organisation: e.organisation, party: e.party, group: label, isChair: false, absent: e.absent, line: line.number, section: label });
    for (const token of unread) unplaced.push({ line: line.number, text: token, reason: 'not a name, party letter or organisation in the list of participants' });
  }
  const chairName = items.map((i) => i.chairName).find((n) => n !== null) ?? null;
  const apologies = items.flatMap((i) => i.apologies.map((a) => ({ ...a, section: i.section.heading })));
  const apologised = new Set(apologies.map((a) => normal(a.name)));

  const attendance: DataFile['meetings'][number]['attendance'] = [];
  const memberships: DataFile['memberships'] = [];
  const listed = new Set<string>();
  for (const p of participants) {
    const id = personId(p.name, p.section);
    if (listed.has(id)) {
      unplaced.push({ line: p.line, text: p.name, reason: 'listed twice among the participants; the first listing is kept' });
      continue;
    }
    listed.add(id);
    const sentApologies = apologised.has(normal(p.name));
    const apology = apologies.find((a) => normal(a.name) === normal(p.name));
    attendance.push({
      personId: id,
      status: sentApologies ? AttendanceStatus.SENT_APOLOGIES : p.absent ? AttendanceStatus.ABSENT : AttendanceStatus.PARTICIPANT,
      group: p.group,
      role: p.role,
      organisation: p.organisation,
      party: p.party,
      isChair: p.isChair || (chairName !== null && normal(chairName) === normal(p.name)),
      section: apology ? `${p.section}; ${apology.section}` : p.section,
    });
    // A seat in the body only where the list says so: members, observers, or the body's own heading.
    // The inline layout lists the body's members; its one label is no group of seats.
    const inline = participantsItem === undefined;
    const group = inline ? null : p.group;
    const member = inline || (group !== null && (/medlem|observatør/i.test(group) || normal(group) === normal(body.name) || (ownName !== '' && normal(group) === normal(ownName))));
    if (member) {
      memberships.push({
        id: `${bodyId}-${slug(p.name)}`,
        personId: id,
        bodyId,
        role: p.role,
        organisation: p.organisation,
        party: p.party,
        group,
        votingRight: group === null ? null : /observatør/i.test(group) ? false : /medlem/i.test(group) ? true : null,
        section: p.section,
      });
    }
  }
  if (chairName !== null && !participants.some((p) => normal(p.name) === normal(chairName))) {
    const item = items.find((i) => i.chairName !== null)!;
    unplaced.push({ line: item.section.line, text: chairName, reason: 'the chair is not among the participants' });
  }
  for (const a of apologies) {
    if (participants.some((p) => normal(p.name) === normal(a.name))) continue;
    const id = personId(a.name, a.section);
    if (attendance.some((x) => x.personId === id)) continue;
    attendance.push({ personId: id, status: AttendanceStatus.SENT_APOLOGIES, group: null, role: null, organisation: null, party: null, isChair: false, section: a.section });
  }

  // Agenda items.
  const caseNumbers = [...new Set(items.flatMap((i) => i.caseNumbers))];
  for (const extra of caseNumbers.slice(1)) {
    const item = items.find((i) => i.caseNumbers.includes(extra))!;
    unplaced.push({ line: item.section.line, text: extra, reason: `a second case number; the meeting keeps ${caseNumbers[0]}` });
  }
  const numbers = new Set<string>();
  const agendaItems: DataFile['meetings'][number]['agendaItems'] = [];
  for (const item of items) {
    const s = item.section;
    if (numbers.has(s.number)) {
      unplaced.push({ line: s.line, text: s.heading, reason: `a second item numbered ${s.number}; the first is kept` });
      continue;
    }
    numbers.add(s.number);
    const absentPersonIds: string[] = [];
    for (const a of item.absentees) {
      if (!looksLikeName(a.name)) continue;
      const id = personId(a.name, s.heading);
      if (!absentPersonIds.includes(id)) absentPersonIds.push(id);
      if (!attendance.some((x) => x.personId === id)) {
        attendance.push({ personId: id, status: AttendanceStatus.ABSENT, group: null, role: null, organisation: a.organisation, party: a.party, isChair: false, section: s.heading });
      }
    }
    agendaItems.push({
      id: `${meetingId}-punkt-${slug(s.number)}`,
      number: s.number,
      title: s.title,
      durationMinutes: s.durationMinutes,
      summary: item.summary,
      caseDescription: item.participants.length > 0 ? null : item.caseDescription,
      recommendationIntro: item.recommendationIntro,
      recommendations: item.recommendations,
      decision: item.decision,
      attachments: item.attachments,
      absentPersonIds,
      presenters: [],
      public: true,
      section: s.heading,
    });
    unplaced.push(...item.unplaced);
  }
  for (const line of layout.other) unplaced.push({ line: line.number, text: line.text, reason: 'before the first agenda item and under no label' });

  const meeting = {
    id: meetingId,
    clusterId,
    bodyId,
    title: layout.meetingTitle!,
    status: layout.isMinutes ? MeetingStatus.HELD : MeetingStatus.PLANNED,
    date,
    startsAt: time === null ? null : copenhagenDateTime(date, time),
    dateText: null,
    place: labelValue(layout.placeLine),
    caseNumber: caseNumbers[0] ?? null,
    plannedAgenda: [],
    note: null,
    basis: 'SOURCED' as const,
    jointClusterIds: [],
    attendance,
    agendaItems,
    section: titleSection,
  };

  const dataSet = {
    document,
    title: `${layout.isMinutes ? 'Referat' : 'Dagsorden'} ${layout.meetingTitle}`,
    clusters: [],
    bodies: [body],
    people: [...people.values()],
    memberships,
    meetings: [meeting],
    initiatives: [],
    fundTables: [],
    grants: [],
    agreements: [],
  } as DataFile;
  unplaced.sort((a, b) => a.line - b.line);
  return { dataSet, unplaced };
}
