import { startServer } from './server.ts';

const s = await startServer();
console.log(JSON.stringify({ url: s.url, accounts: s.accounts, id: s.arrangementId }));
