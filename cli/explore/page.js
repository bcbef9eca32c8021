// The explorer page: reads the data bfbench explore embedded (cli/explore/explore_data.cpp) and
// shows it in linked panes. Every pane is a VirtualList, so a 70 KB program's 100k rows cost only
// the rows on screen. One selection (a set of final ops and the source bytes they stand for)
// drives every pane's highlight.
//
// Data: {name, level, source, kinds[], ops: [[kind, src, src2, text]] (every op of every stage,
// once), stages: [{name, description?, ops: [op table index]}] (parse, then each pass),
// profile: {end, ok, counts[] (per final op)}, engines: [{name, code_bytes, compile_ms}],
// jits: [{engine, address, size, op_offsets[], ins: [[offset, size, text]]}],
// threaded: [[handler, offset, arg, from, move, jump, value, src, src2, test_src]]}.
"use strict";

const D = JSON.parse(document.getElementById("bf-data").textContent);
const SRC = D.source;
const LOOP_BEGIN = 4, LOOP_END = 5, SCAN = 7, MUL_ADD = 8;  // core/op.h OpKind order
const COMMANDS = "+-<>[].,";
const ROW_EXTRA = 8;  // rows rendered beyond the visible ones, above and below

const esc = (text) => String(text).replace(/[&<>"]/g,
    (c) => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}[c]));
const fmt = (n) => Number(n).toLocaleString("en-US");
// The first index whose key(item) > value in an array sorted by key.
function upperBound(items, value, key = (item) => item) {
  let lo = 0, hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (key(items[mid]) <= value) lo = mid + 1; else hi = mid;
  }
  return lo;
}

// ---- A fixed-row-height list that renders only the rows in view. ----
class VirtualList {
  constructor(container, count, render) {
    this.el = container;
    this.count = count;
    this.render = render;  // (index) -> HTML of one .row
    this.el.innerHTML = '<div class="spacer"></div><div class="window"></div>';
    this.spacer = this.el.firstChild;
    this.window = this.el.lastChild;
    this.rowHeight = 18;
    this.spacer.style.height = count * this.rowHeight + "px";
    this.first = -1;
    this.el.addEventListener("scroll", () => this.update(false));
    new ResizeObserver(() => this.update(true)).observe(this.el);
  }
  update(force) {
    const first = Math.max(0, Math.floor(this.el.scrollTop / this.rowHeight) - ROW_EXTRA);
    const last = Math.min(this.count,
        Math.ceil((this.el.scrollTop + this.el.clientHeight) / this.rowHeight) + ROW_EXTRA);
    if (!force && first === this.first && last === this.last) return;
    this.first = first;
    this.last = last;
    const html = [];
    for (let i = first; i < last; ++i) html.push(this.render(i));
    this.window.style.top = first * this.rowHeight + "px";
    this.window.innerHTML = html.join("");
  }
  reset(count) {
    this.count = count;
    this.spacer.style.height = count * this.rowHeight + "px";
    this.update(true);
  }
  // Re-renders with row `index` in view (a third from the top unless it is already visible);
  // index < 0 re-renders in place.
  show(index) {
    const top = index * this.rowHeight;
    if (index >= 0 && (top < this.el.scrollTop ||
                       top + this.rowHeight > this.el.scrollTop + this.el.clientHeight)) {
      this.el.scrollTop = Math.max(0, top - this.el.clientHeight / 3);
    }
    this.update(true);
  }
}

// ---- The program: stages, spans, loops, heat. ----
const isCommand = (code) => COMMANDS.indexOf(String.fromCharCode(code)) >= 0;
const firstByte = (op) => (op[0] === SCAN || op[0] === MUL_ADD) ? Math.min(op[1], op[2]) : op[1];
const lastOwnByte = (op) => (op[0] === SCAN || op[0] === MUL_ADD) ? Math.max(op[1], op[2]) : op[1];

// Each op's source bytes [first, last]: from its first command to the last command before the
// next op's first one (as `bfbench asm` shows them: a folded "+++" is three bytes).
function spansOf(ops) {
  const starts = Float64Array.from(ops.map(firstByte)).sort();
  return ops.map((op) => {
    const own = lastOwnByte(op);
    const lo = upperBound(starts, own);
    let last = lo < starts.length ? starts[lo] : SRC.length;
    while (last > own + 1 && !isCommand(SRC.charCodeAt(last - 1))) --last;
    return [firstByte(op), Math.max(last, own + 1) - 1];
  });
}

// Partner (matching loop op) and depth of each op of a stage.
function nesting(ops) {
  const partner = new Int32Array(ops.length).fill(-1), depth = new Int32Array(ops.length);
  const stack = [];
  ops.forEach((op, i) => {
    if (op[0] === LOOP_END) { const b = stack.pop(); partner[i] = b; partner[b] = i; }
    depth[i] = stack.length;
    if (op[0] === LOOP_BEGIN) stack.push(i);
  });
  return {partner, depth};
}

const stages = D.stages.map((stage) => {
  const ops = stage.ops.map((id) => D.ops[id]);
  return {name: stage.name, description: stage.description || "parsed, one op per command",
          ids: stage.ops, ops, spans: spansOf(ops), ...nesting(ops)};
});
const FINAL = stages.length - 1;
const fin = stages[FINAL];
const counts = D.profile.counts;
const maxCount = counts.reduce((a, b) => Math.max(a, b), 0);
const heat = (count) => count === 0 ? 0 :
    1 + Math.min(8, Math.floor(8 * Math.log(count) / Math.log(Math.max(2, maxCount + 1))));

// Which stage created each op id, and per stage the ids it created and removed.
const createdAt = new Int32Array(D.ops.length).fill(-1);
stages.forEach((stage, s) => {
  const before = s === 0 ? new Set() : new Set(stages[s - 1].ids);
  const now = new Set(stage.ids);
  stage.created = new Set(stage.ids.filter((id) => !before.has(id)));
  stage.removed = s === 0 ? [] : stages[s - 1].ids.filter((id) => !now.has(id));
  for (const id of stage.created) createdAt[id] = s;
});

// The final op a source byte belongs to (-1 for comments), and final ops by their bytes.
const byteOp = new Int32Array(SRC.length).fill(-1);
fin.spans.map((span, i) => [span, i]).sort((a, b) => a[0][0] - b[0][0]).forEach(([span, i]) => {
  for (let b = span[0]; b <= span[1]; ++b) byteOp[b] = i;
});
const opsAtByte = new Map();  // src or src2 -> final op indices
fin.ops.forEach((op, i) => {
  for (const b of new Set([op[1], (op[0] === SCAN || op[0] === MUL_ADD) ? op[2] : op[1]])) {
    if (!opsAtByte.has(b)) opsAtByte.set(b, []);
    opsAtByte.get(b).push(i);
  }
});
const finalOpsAt = (b) => opsAtByte.get(b) || (byteOp[b] >= 0 ? [byteOp[b]] : []);
const countAtByte = (b) => byteOp[b] >= 0 ? counts[byteOp[b]] : -1;

// ---- Selection: final ops and the source bytes they stand for. ----
const sel = {ops: new Set(), bytes: new Uint8Array(SRC.length), origin: null};
const panes = [];  // {list, onSelect()}: every pane refreshes and reveals its first match

function select(opIndices, origin, extraSpan) {
  sel.ops = new Set(opIndices);
  sel.bytes.fill(0);
  sel.origin = origin;
  for (const i of sel.ops) sel.bytes.fill(1, fin.spans[i][0], fin.spans[i][1] + 1);
  if (extraSpan) sel.bytes.fill(1, extraSpan[0], extraSpan[1] + 1);
  for (const pane of panes) pane.onSelect(pane === origin);
  describeSelection();
}

function describeSelection() {
  const status = document.getElementById("bf-status");
  const first = [...sel.ops].sort((a, b) => a - b)[0];
  if (first === undefined) { status.textContent = "Nothing selected."; return; }
  const op = fin.ops[first], span = fin.spans[first];
  const more = sel.ops.size > 1 ? ` (+${sel.ops.size - 1} more ops)` : "";
  status.textContent = `op ${first}: ${opText(FINAL, first)}${more} | source bytes ${span[0]}-` +
      `${span[1]} (${lineCol(span[0])}) | executed ${fmt(counts[first])} times | made by ` +
      `${stages[createdAt[fin.ids[first]]].name}`;
}

// ---- Source pane: one row per line (long lines wrapped at 120 bytes). ----
const WRAP = 120;
const lineStarts = [0];
for (let i = 0; i < SRC.length; ++i) if (SRC.charCodeAt(i) === 10) lineStarts.push(i + 1);
function lineCol(b) {
  const line = upperBound(lineStarts, b);
  return `${line}:${b - lineStarts[line - 1] + 1}`;
}
const sourceRows = [];  // [first byte, end byte)
lineStarts.forEach((start, i) => {
  const end = i + 1 < lineStarts.length ? lineStarts[i + 1] - 1 : SRC.length;
  for (let at = start; at < end || at === start; at += WRAP) {
    sourceRows.push([at, Math.min(end, at + WRAP)]);
    if (end === start) break;
  }
});
const rowOfByte = (b) => upperBound(sourceRows, b, (row) => row[0]) - 1;

function sourceRow(r) {
  const [from, to] = sourceRows[r];
  let html = `<div class="row" data-row="${r}">`;
  let comment = "";
  const flush = () => {
    if (comment) html += `<span class="comment">${esc(comment)}</span>`;
    comment = "";
  };
  for (let b = from; b < to; ++b) {
    const code = SRC.charCodeAt(b);
    if (!isCommand(code)) { comment += code < 32 ? " " : String.fromCharCode(code); continue; }
    flush();
    const count = countAtByte(b);
    const cls = `c h${count < 0 ? 0 : heat(count)}${sel.bytes[b] ? " sel" : ""}`;
    html += `<span class="${cls}" data-b="${b}" data-count="${count}">${SRC[b]}</span>`;
  }
  flush();
  return html + "</div>";
}

function sourcePane() {
  const rows = document.querySelector("#pane-source .rows");
  const list = new VirtualList(rows, sourceRows.length, sourceRow);
  const pane = {list, onSelect(own) {
    const b = own ? -1 : sel.bytes.indexOf(1);
    list.show(b >= 0 ? rowOfByte(b) : -1);
  }};
  rows.addEventListener("click", (event) => {
    const b = event.target.dataset.b;
    if (b !== undefined) select(finalOpsAt(Number(b)), pane);
  });
  rows.addEventListener("mouseover", (event) => {
    const b = event.target.dataset.b;
    if (b === undefined) return;
    const op = byteOp[Number(b)];
    document.getElementById("bf-status").textContent = `byte ${b} (${lineCol(Number(b))}) '` +
        `${SRC[b]}'` +
        (op >= 0 ? ` | op ${op}: ${opText(FINAL, op)} | executed ${fmt(counts[op])} times` : "");
  });
  return pane;
}

// ---- IR pane: the ops of one stage, with what that pass created and removed. ----
function opText(s, i) {
  const stage = stages[s], op = stage.ops[i];
  const text = op[3];
  const isLoop = op[0] === LOOP_BEGIN || op[0] === LOOP_END;
  return isLoop ? text.replace(/-> \d+$/, `-> ${stage.partner[i]}`) : text;
}

function irPane() {
  const rows = document.querySelector("#pane-ir .rows");
  const chooser = document.getElementById("bf-stage");
  const showRemoved = document.getElementById("bf-removed");
  stages.forEach((stage, s) => {
    const change = s === 0 ? "" : `, +${stage.created.size} -${stage.removed.length}`;
    const name = s === 0 ? "parse" : stage.name;
    chooser.add(new Option(`${name} (${fmt(stage.ops.length)} ops${change})`, s));
  });
  chooser.value = FINAL;
  let s = FINAL, rowsOf = [];  // rows: index >= 0 an op of stage s, -1 - k removed op k
  const build = () => {
    const stage = stages[s];
    const removed = showRemoved.checked ? stage.removed.map((id) => D.ops[id])
        .map((op, k) => [firstByte(op), k]).sort((a, b) => a[0] - b[0]) : [];
    rowsOf = [];
    let k = 0;
    stage.ops.forEach((op, i) => {
      while (k < removed.length && removed[k][0] < firstByte(op)) rowsOf.push(-1 - removed[k++][1]);
      rowsOf.push(i);
    });
    while (k < removed.length) rowsOf.push(-1 - removed[k++][1]);
    chooser.title = stage.description;
  };
  const highlighted = (i) => {  // the final stage by op; earlier ones by source bytes
    if (s === FINAL) return sel.ops.has(i);
    const op = stages[s].ops[i];
    return sel.bytes[op[1]] === 1 || (op[0] >= SCAN && sel.bytes[op[2]] === 1);
  };
  const render = (r) => {
    const i = rowsOf[r], stage = stages[s];
    if (i < 0) {
      const op = D.ops[stage.removed[-1 - i]];
      return `<div class="row removed" data-rm="${-1 - i}"><span class="n"></span>${esc(op[3])}` +
          `<span class="tag">removed by ${esc(stage.name)}</span></div>`;
    }
    const op = stage.ops[i];
    const count = s === FINAL ? counts[i] : countAtByte(op[1]);
    const made = createdAt[stage.ids[i]];
    const tag = s > 0 && stage.created.has(stage.ids[i]) ? `<span class="tag new">new</span>` :
        `<span class="tag">${made === 0 ? "" : esc(stages[made].name)}</span>`;
    const cls = `h${heat(Math.max(0, count))}${highlighted(i) ? " sel" : ""}`;
    return `<div class="row ${cls}" data-i="${i}"` +
        ` data-count="${count}" title="executed ${fmt(count)} times"><span class="n">${i}</span>` +
        `${"  ".repeat(stage.depth[i])}${esc(opText(s, i))}${tag}</div>`;
  };
  build();
  const list = new VirtualList(rows, rowsOf.length, render);
  const firstSelected = () => rowsOf.findIndex((i) => i >= 0 && highlighted(i));
  const pane = {list, onSelect(own) { list.show(own ? -1 : firstSelected()); }};
  const rebuild = () => {
    s = Number(chooser.value);
    build();
    list.reset(rowsOf.length);
    list.show(firstSelected());
  };
  chooser.addEventListener("change", rebuild);
  showRemoved.addEventListener("change", rebuild);
  rows.addEventListener("click", (event) => {
    const row = event.target.closest(".row");
    if (!row) return;
    if (row.dataset.rm !== undefined) {
      const op = D.ops[stages[s].removed[Number(row.dataset.rm)]];
      select(finalOpsAt(op[1]), pane, [firstByte(op), lastOwnByte(op)]);
    } else if (s === FINAL) {
      select([Number(row.dataset.i)], pane);
    } else {
      const i = Number(row.dataset.i), op = stages[s].ops[i];
      select(finalOpsAt(op[1]), pane, stages[s].spans[i]);
    }
  });
  return pane;
}

// ---- Loops: the hottest ones and the whole nest, by ops executed inside (inclusive). ----
function loopsPane() {
  const work = new Float64Array(counts.length + 1);  // prefix sums of counts
  counts.forEach((c, i) => { work[i + 1] = work[i] + c; });
  const total = work[counts.length] || 1;
  const loops = [];
  fin.ops.forEach((op, i) => {
    if (op[0] !== LOOP_BEGIN) return;
    const end = fin.partner[i];
    loops.push({begin: i, end, depth: fin.depth[i], entries: counts[i],
                iterations: counts[end], work: work[end + 1] - work[i]});
  });
  const label = (loop) => `ops ${loop.begin}-${loop.end} at ${lineCol(fin.ops[loop.begin][1])}: ` +
      `${fmt(loop.iterations)} iterations, ` +
      `${(100 * loop.work / total).toFixed(1)}% of executed ops`;
  const choose = (loop) => {
    const ops = [];
    for (let i = loop.begin; i <= loop.end; ++i) ops.push(i);
    select(ops, pane);
  };
  const hot = [...loops].sort((a, b) => b.work - a.work).slice(0, 15);
  const list = document.getElementById("bf-hot");
  hot.forEach((loop) => {
    const item = document.createElement("li");
    item.textContent = label(loop);
    item.dataset.iterations = loop.iterations;
    item.addEventListener("click", () => choose(loop));
    list.appendChild(item);
  });
  if (loops.length === 0) list.outerHTML = '<p class="hint" style="padding:4px 8px">no loops</p>';
  const rows = document.querySelector("#pane-loops .rows");
  const nest = new VirtualList(rows, loops.length, (r) => {
    const loop = loops[r];
    const cls = `h${heat(loop.iterations)}${sel.ops.has(loop.begin) ? " sel" : ""}`;
    return `<div class="row ${cls}" data-r="${r}">` +
        `${"  ".repeat(loop.depth)}${esc(label(loop))}</div>`;
  });
  rows.addEventListener("click", (event) => {
    const row = event.target.closest(".row");
    if (row) choose(loops[Number(row.dataset.r)]);
  });
  const pane = {list: nest, onSelect() { nest.update(true); }};
  return pane;
}

// ---- A JIT's code: op headers and Capstone instructions, as `bfbench asm` lists them. ----
function jitPane(jit, host) {
  const section = document.createElement("section");
  section.className = "pane jit";
  section.id = `pane-${jit.engine}`;
  section.dataset.engine = jit.engine;
  section.innerHTML = `<h2>${esc(jit.engine)} <span class="hint">${fmt(jit.size)} bytes, ` +
      `${fmt(jit.ins.length)} instructions</span></h2><div class="rows"></div>`;
  host.appendChild(section);
  const offsets = jit.op_offsets;
  const boundaries = [...new Set([0, ...offsets, jit.size])].sort((a, b) => a - b);
  const segmentOf = (offset) => upperBound(boundaries, offset) - 1;  // the segment holding it
  const opSegment = Int32Array.from(offsets, segmentOf);
  const segmentOps = boundaries.map(() => []);
  offsets.forEach((offset, i) => segmentOps[opSegment[i]].push(i));
  const insSegment = Int32Array.from(jit.ins, (ins) => segmentOf(ins[0]));
  const firstIns = new Int32Array(boundaries.length).fill(-1);
  insSegment.forEach((seg, j) => { if (firstIns[seg] < 0) firstIns[seg] = j; });
  const insRange = (seg) => {
    const from = firstIns[seg];
    if (from < 0) return [0, 0];
    let to = from;
    while (to < jit.ins.length && insSegment[to] === seg) ++to;
    return [from, to];
  };
  // Rows: >= 0 an instruction, -1 - i the header of op i; -1 - ops.length the entry code.
  const rowsOf = [];
  const ENTRY = -1 - offsets.length;
  const firstOp = offsets.reduce((a, b) => Math.min(a, b), jit.size);
  for (let seg = 0; boundaries[seg] < firstOp; ++seg) {
    const [from, to] = insRange(seg);
    if (to > from && rowsOf.length === 0) rowsOf.push(ENTRY);
    for (let j = from; j < to; ++j) rowsOf.push(j);
  }
  const listed = new Uint8Array(boundaries.length);
  offsets.forEach((offset, i) => {
    rowsOf.push(-1 - i);
    if (i + 1 < offsets.length && offsets[i + 1] === offset) return;  // shares the next op's code
    const seg = opSegment[i];
    if (listed[seg]) return;
    listed[seg] = 1;
    const [from, to] = insRange(seg);
    for (let j = from; j < to; ++j) rowsOf.push(j);
  });
  const rowOfIns = new Int32Array(jit.ins.length).fill(-1);
  rowsOf.forEach((r, row) => { if (r >= 0) rowOfIns[r] = row; });
  const rowOfOp = new Int32Array(offsets.length);
  rowsOf.forEach((r, row) => { if (r < 0 && r !== ENTRY) rowOfOp[-1 - r] = row; });
  const selectedSegments = new Uint8Array(boundaries.length);
  const base = BigInt(jit.address), end = base + BigInt(jit.size);
  const relative = (text) => text.replace(/0x[0-9a-f]{9,16}/g, (hex) => {
    const at = BigInt(hex);
    return at >= base && at <= end ? `+0x${(at - base).toString(16)}` : hex;
  });
  const segCount = (seg) => segmentOps[seg].reduce((a, i) => Math.max(a, counts[i]), 0);
  const render = (row) => {
    const r = rowsOf[row];
    if (r === ENTRY) return `<div class="row head">; entry</div>`;
    if (r < 0) {
      const i = -1 - r;
      return `<div class="row head${sel.ops.has(i) ? " sel" : ""}" data-op="${i}">; op ${i} ` +
          `${esc(opText(FINAL, i))}<span class="tag">${fmt(counts[i])}x</span></div>`;
    }
    const ins = jit.ins[r], seg = insSegment[r], count = segCount(seg);
    const cls = `h${heat(count)}${selectedSegments[seg] ? " sel" : ""}`;
    return `<div class="row ins ${cls}" data-ins="${r}"` +
        ` data-count="${count}"><span class="n">${ins[0].toString(16)}</span>` +
        `${esc(relative(ins[2]))}</div>`;
  };
  const rows = section.querySelector(".rows");
  const list = new VirtualList(rows, rowsOf.length, render);
  const pane = {list, onSelect(own) {
    selectedSegments.fill(0);
    let first = -1;
    for (const i of sel.ops) {
      if (i >= offsets.length) continue;
      selectedSegments[opSegment[i]] = 1;
      if (first < 0 || rowOfOp[i] < first) first = rowOfOp[i];
    }
    list.show(own ? -1 : first);
  }};
  rows.addEventListener("click", (event) => {
    const row = event.target.closest(".row");
    if (!row) return;
    if (row.dataset.op !== undefined) select([Number(row.dataset.op)], pane);
    else if (row.dataset.ins !== undefined) {
      select(segmentOps[insSegment[Number(row.dataset.ins)]], pane);
    }
  });
  return pane;
}

// ---- The threaded engine's decoded stream: one row per 32-byte slot. ----
function threadedPane(host) {
  const slots = D.threaded;
  const section = document.createElement("section");
  section.className = "pane";
  section.id = "pane-threaded";
  section.innerHTML = `<h2>threaded <span class="hint">${fmt(slots.length)} decoded slots</span>` +
      `</h2><div class="rows"></div>`;
  host.appendChild(section);
  // A slot stands for the final ops at its source bytes; a fused loop test for its bracket too.
  const slotOps = slots.map((slot) => {
    const ops = new Set(opsAtByte.get(slot[7]) || []);
    if (/end|begin|loop/i.test(slot[0])) for (const i of opsAtByte.get(slot[9]) || []) ops.add(i);
    return [...ops];
  });
  const isSelected = (k) => slotOps[k].some((i) => sel.ops.has(i));
  const signed = (n) => (n >= 0 ? "+" : "") + n;
  const render = (k) => {
    const slot = slots[k];
    const count = slotOps[k].reduce((a, i) => Math.max(a, counts[i]), 0);
    const text = slot[0] === "" ?
        `  operand p[${signed(slot[1])}] arg=${slot[2]} from=${signed(slot[3])} value=${slot[6]}` :
        `${slot[0]} p[${signed(slot[1])}] arg=${slot[2]}` +
        (slot[3] ? ` from=${signed(slot[3])}` : "") +
        (slot[4] ? ` move=${signed(slot[4])}` : "") + (slot[5] ? ` jump=${signed(slot[5])}` : "");
    return `<div class="row h${heat(count)}${isSelected(k) ? " sel" : ""}" data-slot="${k}"` +
        ` data-count="${count}"><span class="n">${k}</span>${esc(text)}</div>`;
  };
  const rows = section.querySelector(".rows");
  const list = new VirtualList(rows, slots.length, render);
  const pane = {list, onSelect(own) {
    let first = -1;
    if (!own) for (let k = 0; k < slots.length && first < 0; ++k) if (isSelected(k)) first = k;
    list.show(first);
  }};
  rows.addEventListener("click", (event) => {
    const row = event.target.closest(".row");
    if (row) select(slotOps[Number(row.dataset.slot)], pane);
  });
  return pane;
}

// ---- Header: the program, the counting run, each engine's code size and compile time. ----
function header() {
  const executed = counts.reduce((a, b) => a + b, 0);
  document.title = `bfbench explore: ${D.name} -O${D.level}`;
  document.getElementById("bf-summary").innerHTML =
      `<b>${esc(D.name)}</b> at O${D.level}: ${fmt(SRC.length)} bytes of source, ` +
      `${fmt(stages[0].ops.length)} ops parsed, ${fmt(fin.ops.length)} after ` +
      `${stages.length - 1} passes<br>counting run: ${esc(D.profile.end)}, ` +
      `<span id="bf-executed">${fmt(executed)}</span> ops executed, ` +
      `${fmt(D.profile.output_bytes)} bytes of output`;
  const body = document.querySelector("#bf-engines tbody");
  for (const engine of D.engines) {
    const row = body.insertRow();
    row.dataset.engine = engine.name;
    row.insertCell().textContent = engine.name;
    row.insertCell().textContent = engine.error ? "-" : fmt(engine.code_bytes);
    row.insertCell().textContent = engine.error ? engine.error : engine.compile_ms.toFixed(3);
  }
}

header();
panes.push(sourcePane(), irPane(), loopsPane());
const code = document.getElementById("bf-code");
for (const jit of D.jits) panes.push(jitPane(jit, code));
panes.push(threadedPane(code));
for (const pane of panes) pane.list.update(true);
window.bfExplore = {select, sel, stages, counts, panes};  // for the browser test and the console
document.body.dataset.bfReady = "1";
