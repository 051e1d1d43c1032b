/**
 * Shapes the API sends. The arrangement and the check report are the rulebook's own types
 * (type-only imports, so none of the law's code reaches the browser bundle).
 */
import type { Arrangement } from '../law/arrangement.ts';
import type { CheckReport } from '../law/check.ts';
import type { Finding } from '../law/finding.ts';

export type { Arrangement, CheckReport, Finding };

export type Role = 'commissioner' | 'provider' | 'local-authority' | 'assurer' | 'viewer' | 'administrator';

export interface RoleGrant {
  role: Role;
  /** ODS/ONS code of the organisation; null means England-wide. */
  organisation: string | null;
}

export interface User {
  id: number;
  email: string;
  name: string;
  roles: RoleGrant[];
}

export interface StoredArrangement {
  id: string;
  name: string;
  version: number;
  document: Arrangement;
  parties: string[];
  created_at: string;
  updated_at: string;
}

export type ArrangementSummary = Omit<StoredArrangement, 'document'>;
