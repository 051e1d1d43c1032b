/** Kinds of rule under rulebook/functions/ (each a zod object of version fields). */
export const functionsKinds = {};
