/**
 * The one-line refusals of a regional database that belongs to another region, and of an
 * embedded database another process holds: what the operator reads, and that runMain prints
 * them as they are (they are StartupErrors).
 */
import { StartupError } from '../../../platform/startup-error';
import { EmbeddedDatabaseInUseError, parseLockPid } from '../../../services/regional/database/data-dir-lock';
import { DatabaseOfAnotherRegionError, anotherRegionMessage } from '../../../services/regional/database/region-stamp';

describe('the refusal of a database of another region', () => {
  it('names the owner, the refusing subgraph and the settings to change, in one line', () => {
    expect(anotherRegionMessage('SYDDANMARK', 'NORDJYLLAND', 'stamp')).toBe(
      'this database belongs to Region Syddanmark (SYDDANMARK); the nordjylland subgraph will not start on it: ' +
        'give each region its own database (NORDJYLLAND_DATABASE_URL, or NORDJYLLAND_DATA_DIR for the embedded one)',
    );
  });

  it('says when it knows the owner from the clusters of a database loaded before stamps', () => {
    expect(anotherRegionMessage('NORDJYLLAND', 'SYDDANMARK', 'clusters')).toMatch(
      /^this database holds the clusters of Region Nordjylland \(NORDJYLLAND\); the syddanmark subgraph will not start on it: .*\(SYDDANMARK_DATABASE_URL, or SYDDANMARK_DATA_DIR for the embedded one\)$/,
    );
  });

  it('names an owner this registry does not know by its code', () => {
    expect(anotherRegionMessage('MIDTJYLLAND', 'NORDJYLLAND', 'stamp')).toMatch(/^this database belongs to region MIDTJYLLAND; the nordjylland subgraph/);
  });

  it('is a StartupError, so runMain logs its message alone', () => {
    const error = new DatabaseOfAnotherRegionError('SYDDANMARK', 'NORDJYLLAND', 'stamp');
    expect(error).toBeInstanceOf(StartupError);
    expect(error.message).not.toContain('\n');
    expect(error).toMatchObject({ owner: 'SYDDANMARK', region: 'NORDJYLLAND', name: 'DatabaseOfAnotherRegionError' });
  });
});

describe('the embedded database lock', () => {
  it('reads the pid a lock file holds, and nothing from anything else', () => {
    expect(parseLockPid('1234\n')).toBe(1234);
    expect(parseLockPid(' 1 ')).toBe(1);
    for (const text of ['', '\n', '0', '-5', '12ab', '1.5', 'pid 12']) expect(parseLockPid(text)).toBeUndefined();
  });

  it('refuses in one line naming the directory and the process', () => {
    const error = new EmbeddedDatabaseInUseError('/srv/hub/.data', 4321);
    expect(error.message).toBe('the embedded database in /srv/hub/.data is in use by process 4321');
    expect(error).toBeInstanceOf(StartupError);
  });
});
