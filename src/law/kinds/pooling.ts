/** Kinds of rule under rulebook/pooling/ (each a zod object of version fields). */
export const poolingKinds = {};
