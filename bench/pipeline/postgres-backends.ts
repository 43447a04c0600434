/**
 * The Postgres backends serving given processes, found from /proc alone: the processes'
 * TCP sockets to the Postgres port give their local ports; a Postgres process holding the
 * other end of one of those connections is one of their backends. So the hub's share of a
 * Postgres that other work uses too can be charged (background workers, WAL writing and
 * checkpoints are left out: they serve everyone).
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { pidsNamed } from './cpu-meter';

interface TcpEntry {
  readonly localPort: number;
  readonly remotePort: number;
  readonly inode: string;
}

function tcpTable(): TcpEntry[] {
  const entries: TcpEntry[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      const local = fields[1]?.split(':')[1];
      const remote = fields[2]?.split(':')[1];
      const inode = fields[9];
      if (local === undefined || remote === undefined || inode === undefined) continue;
      entries.push({ localPort: parseInt(local, 16), remotePort: parseInt(remote, 16), inode });
    }
  }
  return entries;
}

function socketInodes(pid: number): Set<string> {
  const inodes = new Set<string>();
  try {
    for (const fd of readdirSync(`/proc/${String(pid)}/fd`)) {
      try {
        const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${String(pid)}/fd/${fd}`));
        if (match?.[1] !== undefined) inodes.add(match[1]);
      } catch {
        // closed while listing
      }
    }
  } catch {
    // gone
  }
  return inodes;
}

/**
 * Pids of the Postgres backends of each group of client processes (a group: an app's pids),
 * from one read of the TCP table and one scan of Postgres's processes.
 */
export function postgresBackendsPerGroup(
  groups: Readonly<Record<string, readonly number[]>>,
  postgresPort: number,
): Record<string, number[]> {
  const table = tcpTable();
  const backendInodes = new Map(
    pidsNamed('postgres').map((pid) => [pid, socketInodes(pid)] as const),
  );
  const found: Record<string, number[]> = {};
  for (const [group, clients] of Object.entries(groups)) {
    const clientInodes = new Set(clients.flatMap((pid) => [...socketInodes(pid)]));
    const clientPorts = new Set(
      table
        .filter((entry) => entry.remotePort === postgresPort && clientInodes.has(entry.inode))
        .map((entry) => entry.localPort),
    );
    const serverInodes = new Set(
      table
        .filter((entry) => entry.localPort === postgresPort && clientPorts.has(entry.remotePort))
        .map((entry) => entry.inode),
    );
    found[group] = [...backendInodes]
      .filter(([, inodes]) => [...inodes].some((inode) => serverInodes.has(inode)))
      .map(([pid]) => pid);
  }
  return found;
}
