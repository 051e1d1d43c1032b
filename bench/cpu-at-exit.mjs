// Preloaded by the CLI start bench (node --import): on exit, writes this process's CPU time
// in milliseconds (user + system, from start-up on) to the file named by CONCORDAT_CPU_FILE.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  const { user, system } = process.cpuUsage();
  writeFileSync(process.env.CONCORDAT_CPU_FILE, String((user + system) / 1000));
});
