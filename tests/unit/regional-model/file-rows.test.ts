/**
 * The import's mapping from data-file records to rows of the model, through the entity
 * metadata alone (MikroORM discovery without a database connection).
 */
import { MikroORM } from '@mikro-orm/postgresql';
import { regionalEntities, AgendaItemAbsenteeEntity, GrantEntity, MeetingEntity } from '../../../services/regional/model';
import { orderParentsFirst, rowFromFile } from '../../../services/regional/records/project';
import { MeetingStatus } from '../../../schema/contract';

let orm: MikroORM;
beforeAll(async () => {
  orm = await MikroORM.init({ entities: regionalEntities, clientUrl: 'postgresql://nobody@127.0.0.1:1/none', connect: false, allowGlobalContext: true });
});
afterAll(() => orm.close());

const meta = <E>(entity: { name: string }) => orm.getMetadata().get<E>(entity.name);

describe('rows from data files', () => {
  it('takes the entity’s properties, a reference from its `<name>Id` field, and leaves everything else out', () => {
    const row = rowFromFile(meta<MeetingEntity>(MeetingEntity), {
      id: 'm', clusterId: 'c', bodyId: 'b', title: 'T', status: MeetingStatus.HELD, date: null, startsAt: null,
      plannedAgenda: [], document: 'd', section: 's',
      // Fields of the file record that are no property of the entity:
      ...({ attendance: [{}], agendaItems: [{}] } as object),
    });
    expect(row).toEqual({ id: 'm', cluster: 'c', body: 'b', title: 'T', status: 'HELD', date: null, startsAt: null, plannedAgenda: [], document: 'd', section: 's' });
  });

  it('maps nullable references and keeps a figure as it is', () => {
    const row = rowFromFile(meta<GrantEntity>(GrantEntity), {
      id: 'g', clusterId: null, amount: 250000, purpose: 'P', meetingId: 'm', initiativeId: null, toCouncilId: 'limfjorden', document: 'd', section: null,
    });
    expect(row).toMatchObject({ cluster: null, amount: 250000, meeting: 'm', initiative: null, toCouncilId: 'limfjorden' });
  });

  it('maps both halves of a composite key', () => {
    expect(rowFromFile(meta<AgendaItemAbsenteeEntity>(AgendaItemAbsenteeEntity), { agendaItemId: 'i', personId: 'p', ordinal: 2 })).toEqual({ agendaItem: 'i', person: 'p', ordinal: 2 });
  });
});

describe('initiatives in insert order', () => {
  it('puts parents before their parts and keeps each one’s position in the files', () => {
    const items = [
      { id: 'part', data: { parentId: 'top' }, ordinal: 0 },
      { id: 'top', data: { parentId: null }, ordinal: 1 },
      { id: 'subpart', data: { parentId: 'part' }, ordinal: 2 },
      // A parent outside the list exists already.
      { id: 'other', data: { parentId: 'elsewhere' }, ordinal: 3 },
    ];
    expect(orderParentsFirst(items).map(({ id, ordinal }) => [id, ordinal])).toEqual([['top', 1], ['other', 3], ['part', 0], ['subpart', 2]]);
  });

  it('refuses a cycle', () => {
    expect(() => orderParentsFirst([{ id: 'a', data: { parentId: 'b' } }, { id: 'b', data: { parentId: 'a' } }])).toThrow(/cycle/);
  });
});
