// Hand-written SVG charts for the dashboard: a line of a rate over time and horizontal bars.
// Plain DOM, no library; every label is set with textContent (never parsed as markup).
const NS = 'http://www.w3.org/2000/svg';

/** @param {string} tag @param {Record<string, string | number>} attrs */
function svg(tag, attrs = {}) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

function text(x, y, value, attrs = {}) {
  const el = svg('text', { x, y, ...attrs });
  el.textContent = value;
  return el;
}

/**
 * Line chart of `points` ({ at: ms, value }) with a y axis from 0 to the maximum.
 * @param {{ at: number, value: number }[]} points
 */
export function lineChart(points, { width = 560, height = 160, unit = '' } = {}) {
  const pad = { left: 44, right: 8, top: 10, bottom: 22 };
  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', class: 'line' });
  const innerW = width - pad.left - pad.right;
  const innerH = height - pad.top - pad.bottom;
  const max = Math.max(1, ...points.map((p) => p.value));
  const first = points[0]?.at ?? 0;
  const last = points.at(-1)?.at ?? first + 1;
  const span = Math.max(1, last - first);
  const x = (at) => pad.left + ((at - first) / span) * innerW;
  const y = (v) => pad.top + innerH - (v / max) * innerH;
  for (const fraction of [0, 0.5, 1]) {
    const v = max * fraction;
    root.append(
      svg('line', { x1: pad.left, x2: width - pad.right, y1: y(v), y2: y(v), class: 'grid' }),
      text(pad.left - 4, y(v) + 4, `${round(v)}${unit}`, { 'text-anchor': 'end' }),
    );
  }
  if (points.length === 0) {
    root.append(text(width / 2, height / 2, 'waiting for data', { 'text-anchor': 'middle' }));
    return root;
  }
  const d = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.at)},${y(p.value)}`).join(' ');
  root.append(svg('path', { d, class: 'series' }));
  const seconds = Math.round(span / 1000);
  root.append(text(width - pad.right, height - 4, `last ${seconds} s`, { 'text-anchor': 'end' }));
  return root;
}

/**
 * Horizontal bars, one per item; `max` fixes the scale (1 for ratios).
 * @param {{ label: string, value: number, text?: string }[]} items
 */
export function barChart(items, { width = 560, bar = 18, max, labelWidth = 200 } = {}) {
  const height = Math.max(bar + 8, items.length * (bar + 6) + 4);
  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', class: 'bars' });
  const top = Math.max(1e-9, max ?? Math.max(0, ...items.map((i) => i.value)));
  const innerW = width - labelWidth - 60;
  items.forEach((item, i) => {
    const y = 2 + i * (bar + 6);
    const w = Math.max(1, (Math.min(item.value, top) / top) * innerW);
    root.append(
      text(labelWidth - 6, y + bar - 4, item.label, { 'text-anchor': 'end' }),
      svg('rect', { x: labelWidth, y, width: w, height: bar, class: 'bar' }),
      text(labelWidth + w + 4, y + bar - 4, item.text ?? String(item.value)),
    );
  });
  return root;
}

export const round = (v) => (Math.abs(v) >= 10 ? Math.round(v) : Math.round(v * 10) / 10);
