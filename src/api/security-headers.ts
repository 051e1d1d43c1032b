import helmet from 'helmet';

/**
 * Helmet's security headers (its defaults: content security policy, HSTS, no sniffing, …),
 * worked out once. They are the same on every answer, and the Fastify plugin rebuilt them on
 * each request: a few per cent of a registry read's CPU (bench/api.bench.ts).
 */
export const securityHeaders: Readonly<Record<string, string>> = (() => {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: string) => {
      headers[name] = value;
    },
    removeHeader: (name: string) => {
      delete headers[name];
    },
  };
  helmet()({} as never, response as never, () => {});
  return headers;
})();
