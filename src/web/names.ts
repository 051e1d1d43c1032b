/** Names as people write them: shared with the reports the command line writes (src/core/names.ts). */
export { organisationName } from '../core/names.ts';
