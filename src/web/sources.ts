/**
 * Some descriptions written for developers (in the event and particulars schemas) cite the
 * source papers by their file number, "seed 001, 57". A commissioner reads the paper's
 * title and paragraph instead, so the web app rewrites those references wherever it shows
 * such a description.
 */
const titles: Record<string, string> = {
  '000': 'CCG roles where ICPs are established (NHS England, 2018)',
  '001': 'Draft ICP Contract: a consultation (NHS England, August 2018)',
  '002': 'Integrating care: next steps (NHS England and NHS Improvement, November 2020)',
  '003': 'ACOs and the NHS commissioning system (NHS England, August 2017)',
  '004': 'CCGs to be replaced as commissioners by ICSs (GP trade press, 27 November 2020)',
};

/** "(seed 001, 57)" → "(Draft ICP Contract: a consultation (NHS England, August 2018), paragraph 57)". */
export function plainSources(text: string): string {
  return text
    .replace(/\bthe seeds\b/gi, (m) => `${m[0] === 'T' ? 'T' : 't'}he source documents`)
    .replace(/seeds? (\d{3}),? ?(?:paragraphs? )?([\d–-]+)?/g, (whole, n: string, at?: string) => {
      const title = titles[n];
      if (!title) return whole;
      if (!at) return title;
      return `${title}, ${/[–-]/.test(at) ? 'paragraphs' : 'paragraph'} ${at}`;
    });
}
