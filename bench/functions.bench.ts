// How fast the commissioning-functions rules answer: a full check and a responsibility
// matrix of an arrangement that records 12 activities. Target: under 5 ms each, so the
// web checker can re-check on every keystroke.
import { readArrangementFile } from '../src/law/arrangement-file.ts';
import { checkArrangement } from '../src/law/check.ts';
import { responsibilityMatrix } from '../src/law/responsibility.ts';
import { loadRulebook } from '../src/law/rulebook.ts';

const targetMs = 5;
const runs = 500;
const rulebook = loadRulebook();
const arrangement = readArrangementFile('examples/icp-commissioning-activities-2018.yaml');

function time(name: string, fn: () => unknown): void {
  for (let i = 0; i < 50; i++) fn();
  const start = performance.now();
  for (let i = 0; i < runs; i++) fn();
  const each = (performance.now() - start) / runs;
  const verdict = each <= targetMs ? 'within' : 'OVER';
  console.log(`${name}: ${each.toFixed(3)} ms per run (${verdict} the ${targetMs} ms target)`);
}

time('check, 12 activities, 1 April 2019', () => checkArrangement(rulebook, arrangement, '2019-04-01'));
time('responsibility matrix, 1 April 2019', () => responsibilityMatrix(rulebook, arrangement, '2019-04-01'));
time('responsibility matrix, 1 March 2018', () => responsibilityMatrix(rulebook, arrangement, '2018-03-01'));
