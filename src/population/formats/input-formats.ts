/** The formats `concordat analyse` reads; `native` is Concordat's own three tables. */
export const inputFormats = ['native', 'omop', 'fhir', 'sus'] as const;
export type InputFormat = (typeof inputFormats)[number];
