#!/usr/bin/env python3
"""A TCP proxy standing for a hotspot link that drops: forwards 127.0.0.1:<port> to a target and
cuts the connection carrying the logger's bytes each time the logger's total reaches the next of
the given byte offsets (both sides closed: the server reads what arrived, then the end). Counts
every byte the logger sent, headers included; writes the count to --stats after each change.

cut_proxy.py --target PORT --cuts 1000,250000,... --stats FILE   (prints PORT=<listening port>)
"""
import argparse
import socket
import threading

lock = threading.Lock()
state = {"sent": 0, "cuts": [], "fired": 0}


def save(path):
    with open(path, "w") as f:
        f.write(f"{state['sent']} {state['fired']}\n")


def pipe_down(server, client):
    """Server → logger: as it comes, until either side ends."""
    try:
        while True:
            data = server.recv(65536)
            if not data:
                break
            client.sendall(data)
    except OSError:
        pass
    for s in (client, server):
        try:
            s.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


def pipe_up(client, server, stats):
    """Logger → server, cut at the next offset."""
    try:
        while True:
            data = client.recv(16384)  # at a cut, what the logger had in flight is lost
            if not data:
                break
            with lock:
                start = state["sent"]
                state["sent"] += len(data)
                cut = state["cuts"][0] if state["cuts"] else None
                if cut is not None and state["sent"] >= cut:
                    state["cuts"].pop(0)
                    state["fired"] += 1
                    data = data[: max(0, cut - start)]
                else:
                    cut = None
                save(stats)
            server.sendall(data)
            if cut is not None:
                break
    except OSError:
        pass
    for s in (server, client):  # the server sees FIN after the bytes that got through
        try:
            s.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


def serve(conn, target, stats):
    upstream = socket.create_connection(("127.0.0.1", target))
    down = threading.Thread(target=pipe_down, args=(upstream, conn), daemon=True)
    down.start()
    pipe_up(conn, upstream, stats)
    down.join()
    conn.close()
    upstream.close()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--target", type=int, required=True)
    p.add_argument("--cuts", default="")
    p.add_argument("--stats", required=True)
    a = p.parse_args()
    state["cuts"] = sorted(int(c) for c in a.cuts.split(",") if c)
    save(a.stats)
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    print(f"PORT={listener.getsockname()[1]}", flush=True)
    while True:
        conn, _ = listener.accept()
        threading.Thread(target=serve, args=(conn, a.target, a.stats), daemon=True).start()


if __name__ == "__main__":
    main()
