/** Kinds of rule under rulebook/contract/ (each a zod object of version fields). */
export const contractKinds = {};
