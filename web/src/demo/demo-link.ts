// The demo logger's link: rs-core-sim's line protocol (docs/protocol.md §5) carried over a WebSocket
// to racesense-server in demo mode, which relays each message to the simulator and back.

export interface LinkAnswer {
  ok: boolean;
  data?: string;
  att_error?: number;
  error?: string;
}
export interface LinkNotification { char: string; data: string }

export interface SocketLike {
  readonly readyState: number;
  send(text: string): void;
  close(): void;
  onopen: ((e: unknown) => void) | null;
  onmessage: ((e: { data: unknown }) => void) | null;
  onclose: ((e: unknown) => void) | null;
  onerror: ((e: unknown) => void) | null;
}

const OPEN = 1;

export class DemoLink {
  private socket?: SocketLike;
  private opening?: Promise<void>;
  private nextId = 1;
  private waiting = new Map<number, { resolve: (a: LinkAnswer) => void; reject: (e: Error) => void }>();
  private notifyListeners: ((n: LinkNotification) => void)[] = [];
  private closeListeners: (() => void)[] = [];

  /** url() is asked at each (re)connect: the token arrives after the page starts (adopted from ?token=). */
  constructor(private readonly url: () => string, private readonly open: (url: string) => SocketLike) {}

  onNotify(l: (n: LinkNotification) => void) { this.notifyListeners.push(l); }
  onClose(l: () => void) { this.closeListeners.push(l); }
  get isOpen() { return this.socket?.readyState === OPEN; }

  async request(op: Record<string, unknown>): Promise<LinkAnswer> {
    await this.connect();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.socket!.send(JSON.stringify({ id, ...op }));
    });
  }

  private connect(): Promise<void> {
    if (this.isOpen) return Promise.resolve();
    this.opening ??= new Promise<void>((resolve, reject) => {
      const socket = this.open(this.url());
      this.socket = socket;
      socket.onopen = () => resolve();
      socket.onerror = () => reject(new Error('The demo logger is not reachable: is the server running in demo mode (scripts/demo.sh)?'));
      socket.onmessage = (e) => this.receive(String(e.data));
      socket.onclose = () => this.closed();
    }).finally(() => { this.opening = undefined; });
    return this.opening;
  }

  private receive(text: string) {
    let msg: { id?: number; event?: string; char?: string; data?: string } & LinkAnswer;
    try { msg = JSON.parse(text); } catch { return; }
    if (msg.event === 'notify' && msg.char && msg.data !== undefined) {
      const n = { char: msg.char, data: msg.data };
      this.notifyListeners.forEach((l) => l(n));
      return;
    }
    const waiter = msg.id === undefined ? undefined : this.waiting.get(msg.id);
    if (!waiter) return;
    this.waiting.delete(msg.id!);
    waiter.resolve(msg);
  }

  private closed() {
    this.socket = undefined;
    const lost = [...this.waiting.values()];
    this.waiting.clear();
    lost.forEach((w) => w.reject(new Error('GATT Server is disconnected: the demo link closed.')));
    this.closeListeners.forEach((l) => l());
  }
}
