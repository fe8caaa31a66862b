// List workloads run by the Deno CLI against its own SQLite backend, mirroring SqliteListVsDeno.java
// and the shapes of ListShapes.java. Usage: deno run -A --unstable-kv sqlite-list-workloads.ts <db-path> <scale> <passes>
// Every shape is written, listed once unrecorded, then listed <passes> times, measured: pages of
// 1000 entries, each continuing at the previous page's cursor, reading the fields of every value.
const [path, scaleArg, passesArg] = Deno.args;
const kv = await Deno.openKv(path);
const PAGE = 1000;

const LOREM = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor " +
  "incididunt ut labore et dolore magna aliqua. ";
const BODY = LOREM.repeat(5);
const SUMMARY = "Übersicht — 概要と説明: ключевые слова, 要点のまとめ. ".repeat(2);

// deno-lint-ignore no-explicit-any
type Value = any;
interface Shape {
  name: string;
  entries: number;
  value: (i: number) => Value;
  touch: (v: Value) => number;
}

const small = (i: number) => ({ id: i, name: "user-" + i, active: i % 2 === 0 });

const shapes: Shape[] = [
  {
    name: "listSmall",
    entries: 20000,
    value: small,
    touch: (v) => v.id + v.name.length + (v.active ? 1 : 0),
  },
  {
    name: "listNested",
    entries: 10000,
    value: (i) => ({
      id: i,
      customer: "customer-" + i,
      items: [
        { sku: "sku-" + i, qty: 1 + i % 5, price: 9.99 },
        { sku: "sku-x", qty: 2, price: 19.5 },
        { sku: "sku-y", qty: 3, price: 0.25 },
      ],
      attrs: { channel: "web", region: "eu-west", coupon: "SPRING" },
      tags: ["new", "priority"],
      created: new Date(1_700_000_000_000 + i),
    }),
    touch: (v) =>
      v.id + v.items.length + v.items[0].qty + v.attrs.region.length + v.tags.length +
      v.created.getTime() % 7,
  },
  {
    name: "listStrings",
    entries: 10000,
    value: (i) => ({
      title: "Article number " + i + " on listing speed",
      author: "author-" + (i % 100),
      body: BODY,
      summary: SUMMARY,
    }),
    touch: (v) => v.title.length + v.author.length + v.body.length + v.summary.length,
  },
  {
    name: "listBig",
    entries: 1000,
    value: (i) => ({ id: i, rows: Array.from({ length: 100 }, (_, j) => small(i * 100 + j)) }),
    touch: (v) => v.id + v.rows.length + v.rows[99].id,
  },
];

function entries(shape: Shape, scale: number): number {
  return Math.max(PAGE, Math.round(shape.entries * scale / PAGE) * PAGE);
}

async function fill(shape: Shape, n: number) {
  for (let from = 0; from < n; from += 100) {
    const op = kv.atomic();
    for (let i = from; i < Math.min(n, from + 100); i++) op.set(["list", shape.name, i], shape.value(i));
    const r = await op.commit();
    if (!r.ok) throw new Error("write failed");
  }
}

let sink = 0;

async function listAll(shape: Shape, expected: number) {
  let count = 0;
  let cursor: string | undefined = undefined;
  while (true) {
    const page = kv.list({ prefix: ["list", shape.name] }, { limit: PAGE, cursor });
    let inPage = 0;
    for await (const e of page) {
      sink += shape.touch(e.value);
      inPage++;
    }
    count += inPage;
    if (inPage < PAGE) break;
    cursor = page.cursor;
  }
  if (count !== expected) throw new Error(`${shape.name}: listed ${count} of ${expected}`);
}

const scale = Number(scaleArg ?? "1");
const passes = Number(passesArg ?? "5");
for (const shape of shapes) await fill(shape, entries(shape, scale));
for (const shape of shapes) await listAll(shape, entries(shape, scale));
const results: Record<string, number> = {};
for (const shape of shapes) {
  const n = entries(shape, scale);
  const t0 = performance.now();
  for (let p = 0; p < passes; p++) await listAll(shape, n);
  results[shape.name] = n * passes / ((performance.now() - t0) / 1000);
}
kv.close();
if (sink === 0) throw new Error("nothing read");
console.log(JSON.stringify(results));
