import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261123000000Initial } from './Migration20261123000000Initial';
import { Migration20261124000000ModelReferences } from './Migration20261124000000ModelReferences';
import { Migration20261125000000Records } from './Migration20261125000000Records';
import { Migration20261126000000FactsOfTheDocuments } from './Migration20261126000000FactsOfTheDocuments';
import { Migration20261126100000TextReadingsAndVotingRights } from './Migration20261126100000TextReadingsAndVotingRights';
import { Migration20261126200000RemovedPeople } from './Migration20261126200000RemovedPeople';
import { Migration20261206000000SearchVectors } from './Migration20261206000000SearchVectors';

/** Every migration of the regional databases, in order. Add new ones at the end. */
export const regionalMigrations: MigrationObject[] = [
  { name: 'Migration20261123000000Initial', class: Migration20261123000000Initial },
  { name: 'Migration20261124000000ModelReferences', class: Migration20261124000000ModelReferences },
  { name: 'Migration20261125000000Records', class: Migration20261125000000Records },
  { name: 'Migration20261126000000FactsOfTheDocuments', class: Migration20261126000000FactsOfTheDocuments },
  { name: 'Migration20261126100000TextReadingsAndVotingRights', class: Migration20261126100000TextReadingsAndVotingRights },
  { name: 'Migration20261126200000RemovedPeople', class: Migration20261126200000RemovedPeople },
  { name: 'Migration20261206000000SearchVectors', class: Migration20261206000000SearchVectors },
];
