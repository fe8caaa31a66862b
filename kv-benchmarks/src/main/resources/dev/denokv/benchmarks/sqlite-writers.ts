// 16 concurrent durable writers through the Deno CLI's own SQLite backend, mirroring WritersVsDeno.java.
// Usage: deno run -A --unstable-kv sqlite-writers.ts <db-path> <writes per writer>
// A warm-up pass at half size first, on the same file, as on the Java side.
const [path, perWriterArg] = Deno.args;
const kv = await Deno.openKv(path);
const value = { name: "user", age: 42, tags: ["a", "b", "c"], active: true };
const writers = 16;

async function writersPass(space: string, perWriter: number): Promise<number> {
  const t0 = performance.now();
  await Promise.all(Array.from({ length: writers }, async (_, w) => {
    for (let i = 0; i < perWriter; i++) await kv.set([space, "w", w, i], value);
  }));
  return (writers * perWriter) / ((performance.now() - t0) / 1000);
}

const perWriter = Number(perWriterArg ?? "1000");
await writersPass("warm", Math.round(perWriter / 2));
const concurrent16 = await writersPass("bench", perWriter);
kv.close();
console.log(JSON.stringify({ concurrent16 }));
