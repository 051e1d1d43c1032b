import { describe, expect, it } from 'vitest';
import { readArrangementFile } from '../../law/arrangement-file.ts';
import { responsibilityMatrix } from '../../law/responsibility.ts';
import { loadRulebook } from '../../law/rulebook.ts';
import { describeMatrix } from './matrix.ts';

describe('concordat matrix text', () => {
  const file = readArrangementFile('examples/icp-commissioning-activities-2018.yaml');

  it('names the parties, marks each activity and explains the findings', () => {
    const text = describeMatrix(responsibilityMatrix(loadRulebook(), file, '2018-03-01'));
    expect(text).toContain('Who does each commissioning activity, under the rules in force on 1 March 2018.');
    expect(text).toContain('  2  Westvale Integrated Care NHS Foundation Trust (provider)');
    expect(text).toMatch(/^ {2}Patient choice +yes +R {2}S {2}-$/m);
    expect(text).toMatch(/Development of services and quality improvement.* own only/);
    expect(text).toContain('WARNING  The national guidance in force on 1 March 2018 does not cover');
    expect(text).toMatch(/0 errors, 4 warnings, 1 note\.$/);
  });

  it('says what "information only" means and marks the rows that allow only that', () => {
    const text = describeMatrix(responsibilityMatrix(loadRulebook(), file, '2019-04-01'));
    expect(text).toMatch(/^ {2}information only +only information, input or ideas for the commissioner/m);
    expect(text).toMatch(/^ {2}Planning cost improvement schemes across the CCG +information only /m);
    expect(text).toMatch(/^ {2}Individual Funding Requests +information only /m);
  });
});
