import { expect } from '@open-wc/testing';
import { describe, it } from './mocha.js';
import {
  formatDayLabel,
  formatFileSize,
  formatRelativeTime,
  formatRowTime,
  isSameDay,
} from '../../../components/shared/format.js';

const now = new Date(2026, 10, 22, 15, 0, 0);
const at = (days: number, hours = 9, minutes = 5) => new Date(2026, 10, 22 - days, hours, minutes);

describe('format', () => {
  it('gives compact row times like chat apps', () => {
    expect(formatRowTime(new Date(now.getTime() - 20_000), now, 'en')).to.equal('now');
    expect(formatRowTime(new Date(now.getTime() - 40 * 60_000), now, 'en')).to.equal('40 min');
    expect(formatRowTime(at(0), now, 'en')).to.equal('9:05 AM');
    expect(formatRowTime(at(1), now, 'en')).to.equal('Yesterday');
    expect(formatRowTime(at(4), now, 'en')).to.equal('Wed');
    expect(formatRowTime(new Date(2026, 2, 4), now, 'en')).to.equal('Mar 4');
    expect(formatRowTime(new Date(2024, 2, 4), now, 'en')).to.equal('3/4/24');
    expect(formatRowTime(at(1), now, 'fr')).to.equal('Hier');
  });

  it('labels days for separators', () => {
    expect(formatDayLabel(at(0), now, 'en')).to.equal('Today');
    expect(formatDayLabel(at(1), now, 'en')).to.equal('Yesterday');
    expect(formatDayLabel(at(4), now, 'en')).to.equal('Wednesday, November 18');
    expect(formatDayLabel(new Date(2024, 2, 4), now, 'en')).to.equal('Monday, March 4, 2024');
    expect(formatDayLabel(at(0), now, 'fr')).to.equal('Aujourd’hui');
  });

  it('formats relative times and same-day checks', () => {
    expect(formatRelativeTime(new Date(now.getTime() - 5 * 60_000), now, 'en')).to.equal(
      '5 minutes ago',
    );
    expect(formatRelativeTime(at(1), now, 'en')).to.equal('yesterday');
    expect(isSameDay(at(0, 1), at(0, 23))).to.equal(true);
    expect(isSameDay(at(0), at(1))).to.equal(false);
  });

  it('formats file sizes with binary steps', () => {
    expect(formatFileSize(512, 'en')).to.equal('512 bytes');
    expect(formatFileSize(1536, 'en')).to.equal('1.5 kB');
    expect(formatFileSize(5 * 1024 * 1024, 'en')).to.equal('5 MB');
    expect(formatFileSize(1536, 'fr')).to.match(/^1,5\sko$/); // French puts a no-break space before units
  });

  it('answers an empty string for bad input instead of throwing', () => {
    expect(formatRowTime('not a date', now)).to.equal('');
    expect(formatDayLabel('', now)).to.equal('');
    expect(formatFileSize(Number.NaN)).to.equal('');
    expect(formatFileSize(-1)).to.equal('');
    expect(formatRowTime(at(0), now, '!!bad locale!!')).to.not.equal('');
  });
});
