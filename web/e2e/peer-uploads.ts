// Resumable uploads (docs/protocol.md §2.2) driven by a peer client, not ours: tus-js-client from npm,
// speaking draft-ietf-httpbis-resumable-upload-05, against the real racesense-server. The client adds
// only what our contract asks beyond the draft: the bearer token and the file's SHA-256.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tus from 'tus-js-client';
import { putSessions, startServer, tempDir } from './processes';

const TOKEN = 'peer-token';
// tus-js-client 4.3 implements the `protocol` option, but its type definitions do not list it yet.
const DRAFT_05 = { protocol: 'ietf-draft-05' } as unknown as Partial<tus.UploadOptions>;

interface StoredSession { sha256: string; bytes: number; laps: number; filename: string }

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

function session(laps: number): { name: string; bytes: Buffer; sha: string; laps: number } {
  const card = tempDir('peer-card');
  const lapTimes = Array.from({ length: laps }, (_, i) => (41 + (i % 3) * 0.4).toFixed(1)).join(',');
  const [name] = putSessions(card, [{ name: `peer_${laps}.csv`, format: 'gps_time', laps: lapTimes }]);
  const bytes = readFileSync(join(card, 'sessions', name));
  return { name, bytes, sha: createHash('sha256').update(bytes).digest('hex'), laps };
}

/** One tus-js-client upload; resolves with it once it succeeded, or once `stopAt` bytes were accepted. */
function upload(origin: string, file: ReturnType<typeof session>,
  opts: { uploadUrl?: string; stopAt?: number; firstOffset?: number[]; oneRequest?: boolean }) {
  return new Promise<tus.Upload>((resolve, reject) => {
    const u: tus.Upload = new tus.Upload(file.bytes, {
      ...DRAFT_05,
      endpoint: `${origin}/api/upload`,
      uploadUrl: opts.uploadUrl,
      chunkSize: opts.oneRequest ? Infinity : 48 * 1024,
      uploadDataDuringCreation: opts.oneRequest,
      uploadSize: file.bytes.length,
      retryDelays: undefined,
      headers: { Authorization: `Bearer ${TOKEN}`, 'X-Content-SHA256': file.sha, 'X-Filename': file.name },
      onProgress: (sent) => { if (opts.firstOffset && opts.firstOffset.length === 0) opts.firstOffset.push(sent); },
      onChunkComplete: (_chunk, accepted) => {
        if (opts.stopAt !== undefined && accepted >= opts.stopAt) void u.abort().then(() => resolve(u));
      },
      onSuccess: () => resolve(u),
      onError: reject,
    });
    u.start();
  });
}

async function storedSessions(origin: string): Promise<StoredSession[]> {
  const res = await fetch(`${origin}/api/sessions`, { headers: { Authorization: `Bearer ${TOKEN}` } });
  assert(res.ok, `GET /api/sessions answered ${res.status}`);
  return ((await res.json()) as { sessions: StoredSession[] }).sessions;
}

function expectStored(all: StoredSession[], file: ReturnType<typeof session>) {
  const s = all.find((x) => x.sha256 === file.sha);
  assert(s, `no session with the file's SHA-256 ${file.sha}: ${JSON.stringify(all)}`);
  assert(s.bytes === file.bytes.length, `stored ${s.bytes} bytes, the file has ${file.bytes.length}`);
  assert(s.laps === file.laps, `${s.laps} laps stored, the generator drove ${file.laps}`);
}

const checks: { name: string; run: (origin: string) => Promise<void> }[] = [
  {
    name: 'tus-js-client (draft -05) creates the upload and sends it in 48 KB appends',
    run: async (origin) => {
      const file = session(5);
      const u = await upload(origin, file, {});
      assert(u.url === `${origin}/api/uploads/${file.sha}`, `upload URL ${u.url}`);
      expectStored(await storedSessions(origin), file);
    },
  },
  {
    name: 'tus-js-client (draft -05) sends the whole file with its creation request',
    run: async (origin) => {
      const file = session(4);
      const u = await upload(origin, file, { oneRequest: true });
      assert(u.url === `${origin}/api/uploads/${file.sha}`, `upload URL ${u.url}`);
      expectStored(await storedSessions(origin), file);
    },
  },
  {
    name: 'tus-js-client (draft -05) stopped halfway resumes from the server\'s offset with a new client',
    run: async (origin) => {
      const file = session(7);
      const half = Math.floor(file.bytes.length / 2);
      const first = await upload(origin, file, { stopAt: half });
      assert(first.url, 'the first client learned no upload URL');
      assert(!(await storedSessions(origin)).some((x) => x.sha256 === file.sha), 'a half upload became a session');
      const firstOffset: number[] = [];
      await upload(origin, file, { uploadUrl: first.url, firstOffset });
      assert(firstOffset[0] >= half, `the second client started at byte ${firstOffset[0]}, not where the first stopped (${half})`);
      expectStored(await storedSessions(origin), file);
    },
  },
];

const server = await startServer(tempDir('peer-data'), TOKEN);
const { proc } = server;
const origin = server.origin.replace('localhost', '127.0.0.1');  // Node 18 resolves localhost to ::1 first
let failed = 0;
for (const c of checks) {
  const started = Date.now();
  try {
    await c.run(origin);
    console.log(`ok   ${c.name} (${Date.now() - started} ms)`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${c.name}\n${(e as Error).stack}\n${proc.log.slice(-2000)}`);
  }
}
await proc.stop();
console.log(`${checks.length - failed} passed, ${failed} failed (peer clients)`);
process.exitCode = failed === 0 ? 0 : 1;
