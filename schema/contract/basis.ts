/** Whether a source states a record or the hub infers it: shared by the councils' mapping and the regional records. */
import { registerEnumType } from 'type-graphql';

export enum MappingBasis {
  SOURCED = 'SOURCED',
  INFERRED = 'INFERRED',
}
registerEnumType(MappingBasis, {
  name: 'MappingBasis',
  description: 'How the hub knows what a record says: a source states it, or the hub infers it from what a source states.',
  valuesConfig: {
    SOURCED: { description: 'A source states it (see the record’s sources and notes).' },
    INFERRED: { description: 'No source found states it in so many words; inferred from what a source does state (the record’s note or notes say from what).' },
  },
});
