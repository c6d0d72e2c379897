/** Configuration from environment variables: which variable wins, and errors that name the variable. */
import { ConfigurationError, envCacheMaxAge, envFirst, envFlag, envInteger, envPort } from '../../../platform/config';
import { isolateEnv } from '../../support/isolated-env';

const NAMES = ['UNIT_TEST_OWN_PORT', 'UNIT_TEST_PORT', 'UNIT_TEST_FLAG', 'UNIT_TEST_NUMBER', 'CACHE_MAX_AGE'];
isolateEnv(NAMES);

function configurationError(read: () => unknown): ConfigurationError {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return error as ConfigurationError;
  }
  throw new Error('expected a ConfigurationError');
}

describe('envFirst', () => {
  it("picks a service's own variable over the generic one", () => {
    process.env.UNIT_TEST_OWN_PORT = '4101';
    process.env.UNIT_TEST_PORT = '4000';
    expect(envFirst('UNIT_TEST_OWN_PORT', 'UNIT_TEST_PORT')).toBe('UNIT_TEST_OWN_PORT');
    expect(envPort(envFirst('UNIT_TEST_OWN_PORT', 'UNIT_TEST_PORT'), 1)).toBe(4101);
  });

  it('falls back to the generic variable, and treats an empty one as unset', () => {
    process.env.UNIT_TEST_OWN_PORT = '';
    process.env.UNIT_TEST_PORT = '4000';
    expect(envPort(envFirst('UNIT_TEST_OWN_PORT', 'UNIT_TEST_PORT'), 1)).toBe(4000);
  });

  it('names the last (generic) variable when none is set, so the default applies', () => {
    expect(envFirst('UNIT_TEST_OWN_PORT', 'UNIT_TEST_PORT')).toBe('UNIT_TEST_PORT');
    expect(envPort(envFirst('UNIT_TEST_OWN_PORT', 'UNIT_TEST_PORT'), 4200)).toBe(4200);
  });

  it('names the variable that was read in the error', () => {
    process.env.UNIT_TEST_OWN_PORT = 'eighty';
    process.env.UNIT_TEST_PORT = '4000';
    expect(configurationError(() => envPort(envFirst('UNIT_TEST_OWN_PORT', 'UNIT_TEST_PORT'), 1)).message).toMatch(/UNIT_TEST_OWN_PORT .*"eighty"/);
  });
});

describe('envInteger', () => {
  it('reads whole numbers of at least the minimum, and the fallback when unset', () => {
    expect(envInteger('UNIT_TEST_NUMBER', 7, 1)).toBe(7);
    process.env.UNIT_TEST_NUMBER = '2000';
    expect(envInteger('UNIT_TEST_NUMBER', 7, 1)).toBe(2000);
  });

  it.each(['0', '-5', '1.5', 'ten', '1e', ' '])('rejects %j with a ConfigurationError naming the variable', (raw) => {
    process.env.UNIT_TEST_NUMBER = raw;
    const error = configurationError(() => envInteger('UNIT_TEST_NUMBER', 7, 1));
    expect(error.message).toContain('UNIT_TEST_NUMBER');
    expect(error.message).toContain(`"${raw}"`);
  });

  it('CACHE_MAX_AGE allows 0 (caching off) but not less', () => {
    process.env.CACHE_MAX_AGE = '0';
    expect(envCacheMaxAge()).toBe(0);
    process.env.CACHE_MAX_AGE = '-1';
    expect(configurationError(() => envCacheMaxAge()).message).toContain('CACHE_MAX_AGE');
  });
});

describe('envFlag', () => {
  it('reads true and false, and the fallback when unset', () => {
    expect(envFlag('UNIT_TEST_FLAG', true)).toBe(true);
    process.env.UNIT_TEST_FLAG = 'false';
    expect(envFlag('UNIT_TEST_FLAG', true)).toBe(false);
    process.env.UNIT_TEST_FLAG = 'true';
    expect(envFlag('UNIT_TEST_FLAG', false)).toBe(true);
  });

  it.each(['yes', '1', 'FALSE', 'off'])('rejects %j with a ConfigurationError naming the variable', (raw) => {
    process.env.UNIT_TEST_FLAG = raw;
    expect(configurationError(() => envFlag('UNIT_TEST_FLAG', true)).message).toBe(`configuration error: UNIT_TEST_FLAG must be true or false, got "${raw}"`);
  });
});
