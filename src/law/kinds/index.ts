import type { z } from 'zod';
import { contractKinds } from './contract.ts';
import { decisionKinds } from './decision.ts';
import { functionsKinds } from './functions.ts';
import { lifecycleKinds } from './lifecycle.ts';
import { parameterKind } from './parameter.ts';
import { poolingKinds } from './pooling.ts';
import { operatingModelKinds, systemKinds } from './system.ts';

/** Every kind of rulebook entry and the fields of its dated versions. */
export const kinds = {
  ...parameterKind,
  ...functionsKinds,
  ...poolingKinds,
  ...contractKinds,
  ...systemKinds,
  ...operatingModelKinds,
  ...decisionKinds,
  ...lifecycleKinds,
};

export type KindName = keyof typeof kinds;
export type KindFields<K extends KindName> = z.infer<(typeof kinds)[K]>;

export function isKindName(name: string): name is KindName {
  return Object.hasOwn(kinds, name);
}
