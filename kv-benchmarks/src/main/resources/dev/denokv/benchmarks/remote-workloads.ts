// Workloads run by the Deno CLI against a KV Connect server, mirroring RemoteWorkloads.java.
// Usage: DENO_KV_ACCESS_TOKEN=... deno run -A --unstable-kv remote-workloads.ts <url> <scale> [round]
// The suite runs twice, a warm-up pass at half scale and the measured pass, as on the Java side;
// each round writes under its own key spaces.
const [url, scaleArg, round = "0"] = Deno.args;
const kv = await Deno.openKv(url);
const value = { name: "user", age: 42, tags: ["a", "b", "c"], active: true };

async function suite(space: string, scale: number): Promise<Record<string, number>> {
  const results: Record<string, number> = {};
  async function measure(name: string, ops: number, body: () => Promise<void>) {
    const t0 = performance.now();
    await body();
    results[name] = ops / ((performance.now() - t0) / 1000);
  }

  await kv.get([space, "connect"]);
  const n = Math.round(1000 * scale);
  await measure("sequential set", n, async () => {
    for (let i = 0; i < n; i++) await kv.set([space, "set", i], value);
  });
  const reads = Math.round(2000 * scale);
  await measure("sequential get", reads, async () => {
    for (let i = 0; i < reads; i++) {
      const e = await kv.get([space, "set", i % n]);
      if (e.versionstamp === null) throw new Error("missing entry " + (i % n));
    }
  });
  const writers = 16;
  const perWriter = Math.round(100 * scale);
  await measure("16-way concurrent set", writers * perWriter, async () => {
    await Promise.all(Array.from({ length: writers }, async (_, w) => {
      for (let i = 0; i < perWriter; i++) await kv.set([space, "w", w, i], value);
    }));
  });
  return results;
}

const scale = Number(scaleArg ?? "1");
await suite("warm-deno-" + round, scale / 2);
const results = await suite("deno-" + round, scale);
kv.close();
console.log(JSON.stringify(results));
