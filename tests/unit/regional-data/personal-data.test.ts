/** The generic rules over records in the data files' format: removing a person, hiding sensitive fields. */
import { withoutSensitivePersonalData } from '../../../services/regional/graphql/personal-data';
import { REMOVED_NAME, personIdsIn, withoutPeople } from '../../../services/regional/records/person-references';

const meeting = {
  id: 'm',
  attendance: [
    { personId: 'p-a', status: 'PARTICIPANT', party: 'V' },
    { personId: 'p-b', status: 'SENT_APOLOGIES', party: null },
  ],
  agendaItems: [{ id: 'i', decision: 'Der var afbud fra Anna Andersen.', absentPersonIds: ['p-a', 'p-b'], presenters: [{ personId: 'p-a', role: 'oplæg' }] }],
  chairPersonId: 'p-a',
};

describe('withoutPeople', () => {
  it('drops what stands for the person, their ids, their id fields and their name in text', () => {
    expect(withoutPeople(meeting, [{ id: 'p-a', name: 'Anna Andersen' }])).toEqual({
      id: 'm',
      attendance: [{ personId: 'p-b', status: 'SENT_APOLOGIES', party: null }],
      agendaItems: [{ id: 'i', decision: `Der var afbud fra ${REMOVED_NAME}.`, absentPersonIds: ['p-b'], presenters: [] }],
      chairPersonId: null,
    });
  });

  it('gives back the same value when the person is not in it', () => {
    expect(withoutPeople(meeting, [{ id: 'p-z', name: 'Zoe' }])).toBe(meeting);
  });

  it('finds every person a record references, whatever the field is called', () => {
    expect([...personIdsIn(meeting)].sort()).toEqual(['p-a', 'p-b']);
  });
});

describe('withoutSensitivePersonalData', () => {
  it('nulls party letters and empties absences at any depth, keeping everything else', () => {
    const hidden = withoutSensitivePersonalData(meeting);
    expect(hidden.attendance.map((a) => a.party)).toEqual([null, null]);
    expect(hidden.agendaItems[0].absentPersonIds).toEqual([]);
    expect(hidden.agendaItems[0].presenters).toEqual(meeting.agendaItems[0].presenters);
    expect(hidden.chairPersonId).toBe('p-a');
    expect(meeting.attendance[0].party).toBe('V');
  });
});
