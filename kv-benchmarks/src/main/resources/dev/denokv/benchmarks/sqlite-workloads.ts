// Workloads run by the Deno CLI against its own SQLite backend, mirroring SqliteVsDeno.java.
// Usage: deno run -A --unstable-kv sqlite-workloads.ts <db-path> <scale>
// The suite runs twice, a warm-up pass at half scale and the measured pass, as on the Java side.
const [path, scaleArg] = Deno.args;
const kv = await Deno.openKv(path);
const value = { name: "user", age: 42, tags: ["a", "b", "c"], active: true };

async function suite(space: string, scale: number): Promise<Record<string, number>> {
  const results: Record<string, number> = {};
  async function measure(name: string, ops: number, body: () => Promise<void>) {
    const t0 = performance.now();
    await body();
    results[name] = ops / ((performance.now() - t0) / 1000);
  }

  const n = Math.round(2000 * scale);
  await measure("set", n, async () => {
    for (let i = 0; i < n; i++) await kv.set([space, "set", i], value);
  });
  const reads = Math.round(20000 * scale);
  await measure("get", reads, async () => {
    for (let i = 0; i < reads; i++) await kv.get([space, "set", i % n]);
  });
  const many = Math.round(2000 * scale);
  await measure("getMany10", many * 10, async () => {
    for (let i = 0; i < many; i++) {
      const keys = [];
      for (let j = 0; j < 10; j++) keys.push([space, "set", (i * 10 + j) % n]);
      await kv.getMany(keys);
    }
  });
  const listRounds = Math.max(1, Math.round(10 * scale));
  await measure("list", listRounds * n, async () => {
    for (let r = 0; r < listRounds; r++) {
      let count = 0;
      for await (const _ of kv.list({ prefix: [space, "set"] })) count++;
      if (count !== n) throw new Error("list saw " + count);
    }
  });
  const cas = Math.round(1000 * scale);
  await kv.set([space, "counter"], 0);
  await measure("checkAndSet", cas, async () => {
    for (let i = 0; i < cas; i++) {
      const e = await kv.get<number>([space, "counter"]);
      const r = await kv.atomic().check(e).set([space, "counter"], (e.value ?? 0) + 1).commit();
      if (!r.ok) throw new Error("conflict");
    }
  });
  const writers = 16;
  const perWriter = Math.round(200 * scale);
  await measure("concurrent16", writers * perWriter, async () => {
    await Promise.all(Array.from({ length: writers }, async (_, w) => {
      for (let i = 0; i < perWriter; i++) await kv.set([space, "w", w, i], value);
    }));
  });
  return results;
}

const scale = Number(scaleArg ?? "1");
await suite("warm", scale / 2);
const results = await suite("bench", scale);
kv.close();
console.log(JSON.stringify(results));
