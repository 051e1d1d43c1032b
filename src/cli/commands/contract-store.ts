import type { ContractFile } from '../../contracts/contract-file.ts';
import { partiesOf } from '../../contracts/particulars.ts';
import { InvalidInput } from '../../core/errors.ts';
import { describeRoles, editors, holdsOneOf } from '../../core/roles.ts';
import { loadRulebook } from '../../law/rulebook.ts';
import { actorOf } from '../../store/actor.ts';
import { createContract } from '../../store/contracts.ts';
import type { Store } from '../../store/db.ts';
import { RefusedEvent } from '../../store/errors.ts';
import { findUserByEmail } from '../../store/users.ts';
import { exitCodes } from '../run.ts';
import { describeRefusal } from './contract-text.ts';

/**
 * What `concordat contract import` does, and its exit code: stores the contract as the
 * account `email` (which must be allowed to enter it, as over the API) through
 * `createContract`, or stores nothing and names the refused event (exit 1).
 */
export async function importContract(
  store: Store,
  contractFile: ContractFile,
  email: string,
  reason: string,
): Promise<{ code: number; text: string }> {
  const user = await findUserByEmail(store.db, email);
  if (!user) throw new InvalidInput('--as', `there is no account '${email}'`);
  const parties = partiesOf(contractFile.particulars);
  if (!holdsOneOf(user.roles, editors, parties)) {
    throw new InvalidInput(
      '--as',
      `${user.email} holds ${describeRoles(user.roles)}; entering this contract needs the role ${editors.join(' or ')} England-wide or for a party to it (${parties.join(', ') || 'none named'})`,
    );
  }
  try {
    const stored = await createContract(store.db, loadRulebook(), contractFile, actorOf(user), reason);
    return {
      code: exitCodes.ok,
      text: `Stored ${stored.name} as '${stored.id}' in ${store.location}: its particulars and ${contractFile.events.length} events, each step in the audit log as ${user.email}.\n`,
    };
  } catch (e) {
    if (!(e instanceof RefusedEvent)) throw e;
    return { code: exitCodes.findings, text: `Nothing stored.\n${describeRefusal(e.refusal)}\n` };
  }
}
