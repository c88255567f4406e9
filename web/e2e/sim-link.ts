// Client of rs-core-sim's link (docs/protocol.md §5): one JSON line per GATT operation.
import { Socket } from 'node:net';

export interface LinkAnswer {
  ok: boolean;
  data?: string;
  att_error?: number;
  error?: string;
}

export class SimLink {
  private socket = new Socket();
  private buffer = '';
  private nextId = 1;
  private waiting = new Map<number, (a: LinkAnswer) => void>();

  async open(port: number) {
    await new Promise<void>((resolve, reject) => {
      this.socket.once('error', reject);
      this.socket.connect(port, '127.0.0.1', resolve);
    });
    this.socket.on('data', (d) => this.receive(d.toString()));
  }

  request(op: Record<string, unknown>): Promise<LinkAnswer> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.socket.write(JSON.stringify({ id, ...op }) + '\n');
    });
  }

  close() { this.socket.destroy(); }

  private receive(text: string) {
    this.buffer += text;
    let nl: number;
    while ((nl = this.buffer.indexOf('\n')) >= 0) {
      const msg = JSON.parse(this.buffer.slice(0, nl));
      this.buffer = this.buffer.slice(nl + 1);
      const resolve = this.waiting.get(msg.id);
      if (resolve) {
        this.waiting.delete(msg.id);
        resolve(msg);
      }
      // notify events cannot be pushed into the emulated browser; the page polls instead
    }
  }
}
