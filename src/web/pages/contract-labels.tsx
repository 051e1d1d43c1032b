import type { ObligationStatus } from '../../contracts/calendar.ts';
import type { ContractState } from '../../contracts/state.ts';

/**
 * How a contract's phase and an obligation's status are named and coloured. Apart from the
 * contract page so the home page can use them without loading that page up front.
 */
export const phaseNames: Record<ContractState['phase'], string> = {
  planned: 'Planned',
  advertised: 'Advertised',
  'in-procurement': 'In procurement',
  'preferred-bidder': 'Preferred bidder chosen',
  awarded: 'Awarded',
  mobilising: 'Mobilising',
  live: 'Live',
  'under-notice': 'Under notice',
  exit: 'Exit',
  closed: 'Closed',
  abandoned: 'Abandoned',
};

export const statusTags: Record<ObligationStatus, { text: string; colour: string }> = {
  met: { text: 'Met', colour: 'green' },
  'met-late': { text: 'Met late', colour: 'yellow' },
  overdue: { text: 'Overdue', colour: 'red' },
  due: { text: 'Due', colour: 'orange' },
  upcoming: { text: 'Upcoming', colour: 'grey' },
};

export const Tag = ({ text, colour }: { text: string; colour: string }) => (
  <strong className={`nhsuk-tag nhsuk-tag--${colour}`}>{text}</strong>
);
