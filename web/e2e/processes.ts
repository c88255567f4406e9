// The real programs the browser tests drive: racesense-server, rs-core-sim and the session generator.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const repo = resolve(import.meta.dirname, '../..');
export const bins = {
  server: process.env.RACESENSE_SERVER_BIN ?? join(repo, 'build/server/racesense-server'),
  sim: process.env.RS_CORE_SIM_BIN ?? join(repo, 'build/firmware/host/rs-core-sim'),
  gen: process.env.RACESENSE_GEN_SESSION_BIN ?? join(repo, 'build/server/laps/racesense-gen-session'),
};
export const webDist = join(repo, 'web/dist');

export class Proc {
  private output = '';
  private exited = false;
  constructor(readonly child: ChildProcess, readonly name: string) {
    child.stdout?.on('data', (d) => (this.output += d));
    child.stderr?.on('data', (d) => (this.output += d));
    child.on('exit', () => (this.exited = true));
  }
  /** Waits (bounded) for a line "PREFIXvalue" and returns the value. */
  async waitForLine(prefix: string, timeoutMs = 15000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const m = new RegExp(`^${prefix}(\\S+)`, 'm').exec(this.output);
      if (m) return m[1];
      if (this.exited) break;
      await new Promise((r) => setTimeout(r, 50)); // poll the output until the deadline
    }
    throw new Error(`${this.name} did not print ${prefix}: ${this.output}`);
  }
  async stop() {
    if (this.exited) return;
    const done = new Promise((r) => this.child.once('exit', r));
    this.child.kill('SIGTERM');
    await done;
  }
  get log() { return this.output; }
}

export function tempDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `rs-e2e-${label}-`));
}

export async function startServer(dataDir: string, token: string): Promise<{ proc: Proc; origin: string }> {
  const proc = new Proc(spawn(bins.server, ['--port', '0', '--bind', '127.0.0.1', '--data-dir', dataDir, '--token', token,
    '--web-dir', webDist]), 'racesense-server');
  const port = await proc.waitForLine('LISTENING port=');
  return { proc, origin: `http://localhost:${port}` };
}

/** The pairing code printed on the simulated logger's label. */
export const PAIRING_CODE = '24681357';

export async function startSim(card: string, hotspot: string, wifiDelayMs = 300, resolve: string[] = []): Promise<{ proc: Proc; port: number }> {
  const proc = new Proc(spawn(bins.sim, ['--card', card, '--hotspot', hotspot, '--link-port', '0', '--wifi-delay-ms', String(wifiDelayMs),
    '--retries', '2', '--backoff-ms', '200', '--pairing-code', PAIRING_CODE, ...resolve.flatMap((r) => ['--resolve', r])]), 'rs-core-sim');
  return { proc, port: Number(await proc.waitForLine('LINK_PORT=')) };
}

/** Writes session CSVs with laps onto the simulated card; returns their names. */
export function putSessions(card: string, specs: { name: string; format: string; laps: string }[]): string[] {
  mkdirSync(join(card, 'sessions'), { recursive: true });
  for (const s of specs) {
    const r = spawnSync(bins.gen, ['--format', s.format, '--lap-times', s.laps, '--out', join(card, 'sessions', s.name)]);
    if (r.status !== 0) throw new Error(`generator failed: ${r.stderr}`);
  }
  return specs.map((s) => s.name);
}
