import type { Check } from '../finding.ts';
import { contractChecks } from './contract.ts';
import { functionsChecks } from './functions.ts';
import { poolingChecks } from './pooling.ts';
import { systemChecks } from './system.ts';

/** Every check the engine runs, in the order their findings are reported. */
export const checks: Check[] = [...systemChecks, ...functionsChecks, ...poolingChecks, ...contractChecks];
