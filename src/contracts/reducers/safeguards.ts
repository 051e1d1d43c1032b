import { addBreach } from './performance.ts';
import type { Reducers } from './reducer.ts';

/** The non-statutory ICP's financial safeguards: net worth, distributions, collateral, other business. */
export const safeguardReducers = {
  'financial-position-reported': (s, e) => {
    s.financial_positions.push({
      on: e.on,
      net_worth_pence: e.net_worth,
      current_assets_pence: e.current_assets,
      current_liabilities_pence: e.current_liabilities,
    });
    const ns = s.particulars.non_statutory;
    if (ns && e.net_worth < ns.minimum_net_worth) {
      addBreach(
        s,
        e.on,
        `financial-position-${e.on}`,
        'net worth (non-statutory safeguard)',
        'Net worth below the agreed minimum',
        false,
      );
    }
  },
  'distribution-made': (s, e) => {
    s.distributions.push({ on: e.on, amount_pence: e.amount });
  },
  'collateral-approved': (s, e) => {
    s.collateral.push({ asset: e.asset, approved_on: e.on });
  },
  'collateral-granted': (s, e) => {
    const c = s.collateral.find((x) => x.asset === e.asset);
    if (c) c.granted_on = e.on;
    else s.collateral.push({ asset: e.asset, granted_on: e.on });
  },
  'other-business-started': (s, e) => {
    // Only an ICP that is not a statutory body is held to a single purpose.
    if (s.particulars.provider.statutory_body) return;
    addBreach(
      s,
      e.on,
      `other-business-${e.on}`,
      'single-purpose entity (non-statutory safeguard)',
      e.description,
      true,
    );
  },
} satisfies Partial<Reducers>;
