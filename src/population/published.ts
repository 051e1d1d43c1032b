import { join, resolve } from 'node:path';

/** Where published reports live: `$CONCORDAT_DATA_DIR/population/<ICB>/report.json`. */
export function publishedReportPath(icb: string, env: NodeJS.ProcessEnv = process.env): string {
  return join(resolve(env.CONCORDAT_DATA_DIR || '.concordat'), 'population', icb, 'report.json');
}
