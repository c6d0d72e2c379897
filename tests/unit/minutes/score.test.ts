/**
 * scoreMinutes on small hand-built data sets: each change to a draft moves exactly the
 * counts of its own kind of fact, and the reference meeting is the held one of the draft's date.
 */
import { AttendanceStatus, MeetingStatus } from '../../../schema/contract';
import { DataFile, type DataFile as DataFileData } from '../../../services/regional/data/format';
import { scoreMinutes, unmatchedFacts, type FactScore } from '../../../services/regional/minutes/score';

const section = 'Punkt 1: Deltagere';

/** A data set of one held meeting with two items, two participants and one apology. */
function minutes(): DataFileData {
  return DataFile.parse({
    document: 'referat.txt',
    title: 'Referat',
    people: [
      { id: 'nordjylland-person-anne', name: 'Anne Ager', section },
      { id: 'nordjylland-person-bo', name: 'Bo Bech', section },
      { id: 'nordjylland-person-carl', name: 'Carl Cort', section },
    ],
    meetings: [
      {
        id: 'nordjylland-midt-moede-2024-02-08',
        clusterId: 'nordjylland-midt',
        bodyId: 'nordjylland-midt-direktoerforum',
        title: 'Direktørforum',
        status: 'HELD',
        date: '2024-02-08',
        startsAt: '2024-02-08T14:00:00+01:00',
        place: 'Mødelokale D, Regionshuset',
        attendance: [
          { personId: 'nordjylland-person-anne', status: 'PARTICIPANT', role: 'Direktør (medformand)', section },
          { personId: 'nordjylland-person-bo', status: 'PARTICIPANT', role: 'Kontorchef', section },
          { personId: 'nordjylland-person-carl', status: 'SENT_APOLOGIES', role: null, section },
        ],
        agendaItems: [
          {
            id: 'nordjylland-midt-moede-2024-02-08-punkt-1',
            number: '1',
            title: 'Godkendelse af dagsorden',
            recommendations: [{ number: 1, text: 'Godkender dagsordenen' }],
            decision: 'Godkendt.',
            section: 'Punkt 1: Godkendelse af dagsorden',
          },
          {
            id: 'nordjylland-midt-moede-2024-02-08-punkt-2a',
            number: '2a',
            title: 'Status for klyngemidlerne',
            recommendations: [
              { number: 1, text: 'Tager status til efterretning' },
              { number: 2, text: 'Drøfter de overskydende midler' },
            ],
            decision: 'Taget til efterretning.',
            absentPersonIds: ['nordjylland-person-carl'],
            section: 'Punkt 2a: Status for klyngemidlerne',
          },
        ],
        section: 'Referat',
      },
    ],
  });
}

const row = (scores: FactScore[], kind: string) => {
  const found = scores.find((s) => s.kind === kind);
  if (found === undefined) throw new Error(`no row for ${kind}`);
  return found;
};
const counts = (scores: FactScore[], kind: string) => {
  const { expected, found, matched, precision, recall } = row(scores, kind);
  return { expected, found, matched, precision, recall };
};
const perfect = (n: number) => ({ expected: n, found: n, matched: n, precision: 1, recall: 1 });

describe('scoreMinutes', () => {
  it('scores a draft equal to the reference 100 % on every kind, one row per kind', () => {
    const { meetingId, scores } = scoreMinutes(minutes(), minutes());
    expect(meetingId).toBe('nordjylland-midt-moede-2024-02-08');
    expect(scores.map((s) => s.kind)).toEqual([
      'agenda item number+title',
      'decision text',
      'recommendation proposal',
      'participant with role',
      'apology/absence',
      'meeting date',
      'meeting time',
      'meeting place',
    ]);
    expect(counts(scores, 'agenda item number+title')).toEqual(perfect(2));
    expect(counts(scores, 'decision text')).toEqual(perfect(2));
    expect(counts(scores, 'recommendation proposal')).toEqual(perfect(3));
    expect(counts(scores, 'participant with role')).toEqual(perfect(3));
    // Carl's apology (name, status) and his absence from item 2a (item, name).
    expect(counts(scores, 'apology/absence')).toEqual(perfect(2));
    for (const kind of ['meeting date', 'meeting time', 'meeting place']) expect(counts(scores, kind)).toEqual(perfect(1));
  });

  it('takes whitespace as no difference: line breaks inside a decision, spaces around a title', () => {
    const draft = minutes();
    const [first, second] = draft.meetings[0].agendaItems;
    first.title = '  Godkendelse af\n dagsorden ';
    second.decision = 'Taget til\nefterretning.';
    const { scores } = scoreMinutes(draft, minutes());
    expect(counts(scores, 'agenda item number+title')).toEqual(perfect(2));
    expect(counts(scores, 'decision text')).toEqual(perfect(2));
  });

  it('counts a missing item against recall only, in each kind the item carried', () => {
    const draft = minutes();
    draft.meetings[0].agendaItems.pop();
    const { scores } = scoreMinutes(draft, minutes());
    expect(counts(scores, 'agenda item number+title')).toEqual({ expected: 2, found: 1, matched: 1, precision: 1, recall: 0.5 });
    expect(counts(scores, 'decision text')).toEqual({ expected: 2, found: 1, matched: 1, precision: 1, recall: 0.5 });
    expect(counts(scores, 'recommendation proposal')).toEqual({ expected: 3, found: 1, matched: 1, precision: 1, recall: 1 / 3 });
    expect(counts(scores, 'apology/absence')).toEqual({ expected: 2, found: 1, matched: 1, precision: 1, recall: 0.5 });
    expect(counts(scores, 'participant with role')).toEqual(perfect(3));
  });

  it('counts a changed decision against precision and recall, letter case and punctuation included', () => {
    const draft = minutes();
    draft.meetings[0].agendaItems[0].decision = 'godkendt';
    const { scores } = scoreMinutes(draft, minutes());
    expect(counts(scores, 'decision text')).toEqual({ expected: 2, found: 2, matched: 1, precision: 0.5, recall: 0.5 });
    expect(counts(scores, 'agenda item number+title')).toEqual(perfect(2));
  });

  it('counts an extra participant against precision only', () => {
    const draft = minutes();
    draft.people.push({ id: 'nordjylland-person-dorte', name: 'Dorte Dam', section });
    draft.meetings[0].attendance.push({ personId: 'nordjylland-person-dorte', status: AttendanceStatus.PARTICIPANT, group: null, role: 'Sekretariat', organisation: null, party: null, isChair: false, section });
    const { scores } = scoreMinutes(draft, minutes());
    expect(counts(scores, 'participant with role')).toEqual({ expected: 3, found: 4, matched: 3, precision: 0.75, recall: 1 });
    expect(counts(scores, 'apology/absence')).toEqual(perfect(2));
  });

  it('names people by their records, not their ids, and takes a changed role as another fact', () => {
    const draft = minutes();
    // Other ids for the same names: still the same facts.
    for (const person of draft.people) person.id = `${person.id}-x`;
    for (const attendance of draft.meetings[0].attendance) attendance.personId = `${attendance.personId}-x`;
    draft.meetings[0].agendaItems[1].absentPersonIds = ['nordjylland-person-carl-x'];
    draft.meetings[0].attendance[1].role = 'Kontorchef, Region Nordjylland';
    const { scores } = scoreMinutes(draft, minutes());
    expect(counts(scores, 'participant with role')).toEqual({ expected: 3, found: 3, matched: 2, precision: 2 / 3, recall: 2 / 3 });
    expect(counts(scores, 'apology/absence')).toEqual(perfect(2));
  });

  it('scores against the held meeting of the draft meeting\'s date among planned and earlier ones', () => {
    const reference = minutes();
    const held = reference.meetings[0];
    reference.meetings = [
      { ...held, id: 'nordjylland-midt-planlagt', status: MeetingStatus.PLANNED, agendaItems: [], attendance: [] },
      { ...held, id: 'nordjylland-midt-tidligere', date: '2023-11-30', agendaItems: [], attendance: [] },
      held,
    ];
    const { meetingId, scores } = scoreMinutes(minutes(), reference);
    expect(meetingId).toBe(held.id);
    expect(counts(scores, 'agenda item number+title')).toEqual(perfect(2));
  });

  it('finds no reference meeting for a draft of another date: every fact of the draft unmatched, nothing expected', () => {
    const draft = minutes();
    draft.meetings[0].date = '2024-02-09';
    const { meetingId, scores } = scoreMinutes(draft, minutes());
    expect(meetingId).toBeNull();
    expect(counts(scores, 'agenda item number+title')).toEqual({ expected: 0, found: 2, matched: 0, precision: 0, recall: 1 });
    expect(counts(scores, 'meeting place')).toEqual({ expected: 0, found: 1, matched: 0, precision: 0, recall: 1 });
  });

  it('scores a draft without time or place 1 in precision (it claims nothing) and 0 in recall', () => {
    const draft = minutes();
    draft.meetings[0].startsAt = null;
    draft.meetings[0].place = null;
    const { scores } = scoreMinutes(draft, minutes());
    expect(counts(scores, 'meeting time')).toEqual({ expected: 1, found: 0, matched: 0, precision: 1, recall: 0 });
    expect(counts(scores, 'meeting place')).toEqual({ expected: 1, found: 0, matched: 0, precision: 1, recall: 0 });
  });

  it('lists what a draft lacks and what it holds beyond the reference, per kind', () => {
    const draft = minutes();
    draft.meetings[0].agendaItems[0].decision = 'godkendt';
    draft.meetings[0].agendaItems.pop();
    const unmatched = Object.fromEntries(unmatchedFacts(draft, minutes()).map(({ kind, missing, extra }) => [kind, { missing, extra }]));
    expect(unmatched['decision text']).toEqual({ missing: ['["1","Godkendt."]', '["2a","Taget til efterretning."]'], extra: ['["1","godkendt"]'] });
    expect(unmatched['agenda item number+title']).toEqual({ missing: ['["2a","Status for klyngemidlerne"]'], extra: [] });
    expect(unmatched['participant with role']).toEqual({ missing: [], extra: [] });
  });
});
