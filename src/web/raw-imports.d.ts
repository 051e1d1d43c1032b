/** Vite imports a file's text with `?raw` (the example contracts). */
declare module '*.yaml?raw' {
  const text: string;
  export default text;
}
