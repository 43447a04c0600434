import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU of every postgres process on this machine so far, in ms (user + system, from
 * /proc/<pid>/stat at 100 ticks a second; 0 where /proc cannot tell). For benchmarks on the
 * local stack: the difference over a run is the database's share, other users included.
 */
export function postgresCpuMs(): number {
  let total = 0;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (!stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')).startsWith('postgres'))
        continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total += (Number(fields[11]) + Number(fields[12])) * 10;
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}
