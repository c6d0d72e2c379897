/**
 * Dates and times as minutes print them, and Copenhagen's offset on the day: +01:00 in winter,
 * +02:00 in summer, switching on the last Sundays of March and October (from the time-zone
 * database, not from a rule of our own).
 */
import { copenhagenDateTime, danishDate, danishTime } from '../../../services/regional/minutes/danish-time';

describe('Danish dates and times', () => {
  it('reads written and numeric dates, and refuses a day that does not exist', () => {
    expect(danishDate('Torsdag d. 08. februar 2024 kl. 14:00')).toBe('2024-02-08');
    expect(danishDate('Mandag d. 3. Marts 2025')).toBe('2025-03-03');
    expect(danishDate('REFERAT Chefforum d. 05-12-2023')).toBe('2023-12-05');
    expect(danishDate('d. 31-02-2024')).toBeNull();
    expect(danishDate('første møde i 2024')).toBeNull();
  });

  it('reads the time after "kl."', () => {
    expect(danishTime('Mandag d. 19. maj 2025 kl. 20:30')).toBe('20:30');
    expect(danishTime('kl. 9.05')).toBe('09:05');
    expect(danishTime('Mandag d. 19. maj 2025')).toBeNull();
    expect(danishTime('kl. 25:00')).toBeNull();
  });

  it('gives the offset that applied in Copenhagen, around both switches too', () => {
    expect(copenhagenDateTime('2024-02-08', '14:00')).toBe('2024-02-08T14:00:00+01:00');
    expect(copenhagenDateTime('2025-05-19', '20:30')).toBe('2025-05-19T20:30:00+02:00');
    expect(copenhagenDateTime('2025-03-30', '01:30')).toBe('2025-03-30T01:30:00+01:00');
    expect(copenhagenDateTime('2025-03-30', '03:30')).toBe('2025-03-30T03:30:00+02:00');
    expect(copenhagenDateTime('2025-10-26', '01:30')).toBe('2025-10-26T01:30:00+02:00');
    expect(copenhagenDateTime('2025-10-26', '03:30')).toBe('2025-10-26T03:30:00+01:00');
  });
});
