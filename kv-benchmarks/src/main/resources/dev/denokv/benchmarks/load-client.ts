// One Deno client process of KvConnectLoad: several clients, each with its own Deno.openKv(url),
// running the same loop as LoadClients.java: one atomic write (a sum on the shared total, a sum on
// the client's own counter, a set of a small record), then one read of the client's counter.
// Usage: DENO_KV_ACCESS_TOKEN=... deno run -A --unstable-kv load-client.ts
//          <url> <clients> <id prefix> <space> <start ms> <end ms> <out file>
// Operations started between start and end (epoch milliseconds) are measured; the report format
// is LoadReport.java's: per client "client <id> <acknowledged> <errors>", then the write and read
// latencies in nanoseconds.
const [url, clientsArg, prefix, space, startArg, endArg, out] = Deno.args;
const start = Number(startArg);
const end = Number(endArg);
const value = { name: "user", age: 42, tags: ["a", "b", "c"], active: true };

async function client(id: string): Promise<string> {
  const kv = await Deno.openKv(url);
  const total = ["load", space, "total"];
  const mine = ["load", space, "client", id];
  const last = ["load", space, "last", id];
  const one = new Deno.KvU64(1n);
  let acknowledged = 0n;
  let errors = 0;
  let firstError: unknown = null;
  const writes: number[] = [];
  const reads: number[] = [];
  let now: number;
  while ((now = Date.now()) < end) {
    const measured = now >= start;
    try {
      const t0 = performance.now();
      const r = await kv.atomic().sum(total, one.value).sum(mine, one.value).set(last, value).commit();
      if (!r.ok) throw new Error("an unchecked write failed");
      const t1 = performance.now();
      acknowledged++;
      if (measured) writes.push(t1 - t0);
      const own = await kv.get<Deno.KvU64>(mine);
      const t2 = performance.now();
      if (own.value === null || own.value.value !== acknowledged) {
        throw new Error(`read ${own.value} after ${acknowledged} writes`);
      }
      if (measured) reads.push(t2 - t1);
    } catch (e) {
      if (measured) errors++;
      if (firstError === null) {
        firstError = e;
        console.error(`client ${id}: ${e}`);
      }
    }
  }
  kv.close();
  const nanos = (ms: number[]) => ms.map((v) => Math.round(v * 1e6)).sort((a, b) => a - b).join(" ");
  return `client ${id} ${acknowledged} ${errors}\n${nanos(writes)}\n${nanos(reads)}\n`;
}

const blocks = await Promise.all(
  Array.from({ length: Number(clientsArg) }, (_, c) => client(`${prefix}-${c}`)),
);
await Deno.writeTextFile(out, blocks.join(""));
