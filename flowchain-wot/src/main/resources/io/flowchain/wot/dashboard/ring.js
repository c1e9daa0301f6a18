// The Chord ring as the serving node knows it, drawn as an SVG circle: each member at the angle of
// its node id, links to the successor list, the predecessor and the fingers. What the node does
// not know is not drawn: a dashed circle says members may lie between the ones shown.

import { short } from './api.js';

const NS = 'http://www.w3.org/2000/svg';
const CX = 210;
const CY = 210;
const R = 150;

function svg(tag, attrs, text) {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

/** The point of a node id on the ring: its first 32 bits as a fraction of the circle. */
function position(nodeId, radius = R) {
  const turn = parseInt(nodeId.slice(0, 8), 16) / 2 ** 32;
  const a = turn * 2 * Math.PI - Math.PI / 2;
  return { x: CX + radius * Math.cos(a), y: CY + radius * Math.sin(a), a };
}

/** A link from one member to another, curved towards the centre (a chord of the ring). */
function link(from, to, kind) {
  const p = position(from.nodeId);
  const q = position(to.nodeId);
  const mx = (p.x + q.x) / 2;
  const my = (p.y + q.y) / 2;
  const cx = CX + (mx - CX) * 0.5;
  const cy = CY + (my - CY) * 0.5;
  return svg('path', {
    class: 'link ' + kind,
    d: `M ${p.x} ${p.y} Q ${cx} ${cy} ${q.x} ${q.y}`,
    'marker-end': 'url(#arrow-' + kind + ')',
  });
}

function marker(kind, color) {
  const m = svg('marker', {
    id: 'arrow-' + kind, viewBox: '0 0 10 10', refX: '16', refY: '5',
    markerWidth: '6', markerHeight: '6', orient: 'auto-start-reverse',
  });
  m.appendChild(svg('path', { d: 'M 0 0 L 10 5 L 0 10 z', fill: color }));
  return m;
}

/** Draws {members, wholeRing} (GET /api/ring/members) into the SVG element. */
export function drawRing(root, ring) {
  root.replaceChildren();
  const defs = svg('defs', {});
  defs.append(marker('successor', '#3ecf8e'), marker('predecessor', '#8aa0b4'),
    marker('finger', '#5aa9ff'));
  root.appendChild(defs);
  root.appendChild(svg('circle', {
    class: 'orbit' + (ring.wholeRing ? '' : ' partial'), cx: CX, cy: CY, r: R,
  }));
  const self = ring.members.find((m) => m.roles.includes('self'));
  const byRole = (role) => ring.members.filter((m) => m.roles.includes(role));
  if (self) {
    byRole('finger').forEach((m) => root.appendChild(link(self, m, 'finger')));
    byRole('predecessor').forEach((m) => root.appendChild(link(m, self, 'predecessor')));
    // the successor list as a chain round the ring: self, s1, s2, ...
    const successors = byRole('successor');
    let previous = self;
    for (const s of successors) {
      root.appendChild(link(previous, s, 'successor'));
      previous = s;
    }
  }
  for (const m of ring.members) {
    const p = position(m.nodeId);
    const g = svg('g', {
      class: 'ring-node ' + m.state, 'data-node-id': m.nodeId, 'data-state': m.state,
    });
    g.appendChild(svg('circle', { cx: p.x, cy: p.y, r: m.state === 'self' ? 11 : 9 }));
    const label = position(m.nodeId, R + 30);
    g.appendChild(svg('text', {
      x: label.x, y: label.y + 4, 'text-anchor': Math.cos(label.a) < -0.3 ? 'end'
        : Math.cos(label.a) > 0.3 ? 'start' : 'middle',
    }, short(m.nodeId, 6)));
    g.appendChild(svg('title', {}, `${m.nodeId}\n${m.address || 'address unknown'}\n`
      + `${m.roles.join(', ')}: ${m.state}` + (m.balance === null ? '' : `, ${m.balance} Flowcoins`)));
    root.appendChild(g);
  }
  const legend = svg('g', { class: 'legend' });
  legend.appendChild(svg('text', { x: 8, y: 412 },
    ring.members.length + ' known · green: successor list · blue dashed: fingers'));
  root.appendChild(legend);
}
