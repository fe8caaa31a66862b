// Describes a JS value in the descriptor format of the V8 test vectors: objects are numbered in
// V8's serialization order (pre-order, a view's buffer before the view), repeats become refs.
function describeValue(root) {
  const ids = new Map();
  let next = 0;
  const toHex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  const num = (n) => Object.is(n, -0) ? "-0" : Number.isNaN(n) ? "NaN"
    : n === Infinity ? "Infinity" : n === -Infinity ? "-Infinity" : n;
  const errorTypes = [EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError, Error];
  const isIndex = (k) => String(Number(k) >>> 0) === k && Number(k) !== 4294967295;
  const take = (v) => { const id = next++; ids.set(v, id); return id; };
  function d(v) {
    switch (typeof v) {
      case "undefined": return { type: "undefined" };
      case "boolean": return { type: "boolean", value: v };
      case "number": return { type: "number", value: num(v) };
      case "bigint": return { type: "bigint", value: v.toString() };
      case "string": return { type: "string", value: v };
    }
    if (v === null) return { type: "null" };
    if (ids.has(v)) return { type: "ref", id: ids.get(v) };
    if (ArrayBuffer.isView(v)) {
      const buffer = d(v.buffer);
      const out = { type: v.constructor.name, id: take(v), byteOffset: v.byteOffset, byteLength: v.byteLength };
      if (!(v instanceof DataView)) out.length = v.length;
      out.buffer = buffer;
      return out;
    }
    if (typeof DOMException !== "undefined" && v instanceof DOMException) {
      const id = take(v);
      const metadata = { type: "Object", id: next++, properties: [
        ["type", { type: "string", value: "DOMException" }],
        ["message", { type: "string", value: v.message }],
        ["name", { type: "string", value: v.name }],
        ["stack", d(v.stack)]] };
      return { type: "hostObject", id, class: "DOMException", metadata };
    }
    const id = take(v);
    if (v instanceof ArrayBuffer) {
      const out = { type: "ArrayBuffer", id, byteLength: v.byteLength, hex: toHex(new Uint8Array(v)) };
      if (v.resizable) { out.resizable = true; out.maxByteLength = v.maxByteLength; }
      return out;
    }
    if (Array.isArray(v)) {
      const out = { type: "Array", id, length: v.length };
      if (v.length > 1000) {
        out.sparseElements = Object.keys(v).filter(isIndex).map((k) => [Number(k), d(v[k])]);
      } else {
        out.elements = [];
        for (let i = 0; i < v.length; i++) out.elements.push(i in v ? d(v[i]) : { type: "hole" });
      }
      out.properties = Object.keys(v).filter((k) => !isIndex(k)).map((k) => [k, d(v[k])]);
      return out;
    }
    if (v instanceof Date) return { type: "Date", id, value: num(v.getTime()) };
    if (v instanceof RegExp) return { type: "RegExp", id, source: v.source, flags: v.flags };
    if (v instanceof Map) return { type: "Map", id, entries: [...v].map(([k, x]) => { const dk = d(k); return [dk, d(x)]; }) };
    if (v instanceof Set) return { type: "Set", id, values: [...v].map(d) };
    if (v instanceof Number) return { type: "NumberObject", id, value: num(v.valueOf()) };
    if (v instanceof String) return { type: "StringObject", id, value: v.valueOf() };
    if (v instanceof Boolean) return { type: "BooleanObject", id, value: v.valueOf() };
    if (v instanceof BigInt) return { type: "BigIntObject", id, value: v.valueOf().toString() };
    if (v instanceof Error) {
      const proto = errorTypes.find((C) => Object.getPrototypeOf(v) === C.prototype);
      const out = { type: "Error", id, name: v.name, prototype: proto ? proto.name : "?" };
      if (Object.hasOwn(v, "message")) out.message = v.message;
      if (typeof v.stack === "string") out.stack = v.stack;
      if (Object.hasOwn(v, "cause")) out.cause = d(v.cause);
      return out;
    }
    return { type: "Object", id, properties: Object.keys(v).map((k) => [k, d(v[k])]) };
  }
  return d(root);
}
const toHex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
const fromHex = (hex) => new Uint8Array(hex.match(/../g)?.map((h) => parseInt(h, 16)) ?? []);
