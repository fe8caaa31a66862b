package dev.denokv.value;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** Implements {@link JsValues#inspect}. */
final class Inspector {
  static void append(StringBuilder sb, JsValue v, IdentityHashMap<JsValue, Boolean> path) {
    if (!(v instanceof JsObject || v instanceof JsArray || v instanceof JsMap || v instanceof JsSet)) {
      sb.append(v);
      return;
    }
    if (path.put(v, Boolean.TRUE) != null) {
      sb.append("[Circular]");
      return;
    }
    if (v instanceof JsObject o) {
      sb.append('{');
      appendEntries(sb, o.entries(), path);
      sb.append('}');
    } else if (v instanceof JsArray a) {
      sb.append('[');
      String sep = "";
      long previous = -1;
      for (Map.Entry<Long, JsValue> e : a.elements().entrySet()) {
        sb.append(sep);
        if (e.getKey() > previous + 1) {
          sb.append("<").append(e.getKey() - previous - 1).append(" empty>, ");
        }
        append(sb, e.getValue(), path);
        previous = e.getKey();
        sep = ", ";
      }
      if (a.length() > previous + 1) {
        sb.append(sep).append("<").append(a.length() - previous - 1).append(" empty>");
        sep = ", ";
      }
      if (!a.properties().isEmpty()) {
        sb.append(sep);
        appendEntries(sb, List.copyOf(a.properties().entrySet()), path);
      }
      sb.append(']');
    } else if (v instanceof JsMap m) {
      sb.append("Map{");
      String sep = "";
      for (Map.Entry<JsValue, JsValue> e : m.entries().entrySet()) {
        sb.append(sep);
        append(sb, e.getKey(), path);
        sb.append(" => ");
        append(sb, e.getValue(), path);
        sep = ", ";
      }
      sb.append('}');
    } else {
      sb.append("Set{");
      String sep = "";
      for (JsValue e : ((JsSet) v).values()) {
        sb.append(sep);
        append(sb, e, path);
        sep = ", ";
      }
      sb.append('}');
    }
    path.remove(v);
  }

  private static void appendEntries(StringBuilder sb, List<Map.Entry<String, JsValue>> entries, IdentityHashMap<JsValue, Boolean> path) {
    String sep = "";
    for (Map.Entry<String, JsValue> e : entries) {
      sb.append(sep).append(JsValues.quote(e.getKey())).append(": ");
      append(sb, e.getValue(), path);
      sep = ", ";
    }
  }
}
