/**
 * The attribution the Open Government Licence v3.0 asks for wherever the NHS reference data
 * (data/nhs, see its ATTRIBUTION.md) is shown: one wording for the server, the CLI, papers,
 * spreadsheets and the web app.
 */
const statement = 'Contains public sector information licensed under the Open Government Licence v3.0';

export const oglAttribution = `${statement}.`;

export const oglUrl = 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/';

/** The attribution with the licence's address, for files that leave Concordat (papers, spreadsheets). */
export const oglAttributionWithAddress = `${statement} (${oglUrl}).`;
