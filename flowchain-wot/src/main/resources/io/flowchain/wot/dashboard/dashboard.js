// The dashboard: reads this node's REST API, follows its event streams, redraws what changed.
// Problems are shown on the page (the status badges), not thrown.

import { el, follow, getJson, short } from './api.js';
import { drawRing } from './ring.js';

const MAX_RECORDS = 50;
const BLOCKS_SHOWN = 15;
const POLL_MS = 3000;
const $ = (id) => document.getElementById(id);
let recordsSeen = 0;

async function refreshNode() {
  const n = await getJson('/api/node');
  $('network').textContent = '· network ' + n.network;
  $('node-id').textContent = n.nodeId;
  $('membership').textContent = n.member ? 'ring member' : 'not a member yet';
  $('membership').className = 'badge ' + (n.member ? 'ok' : 'off');
  const balance = await getJson('/api/properties/balance').catch(() => null);
  const facts = [
    ['ring address', n.address],
    ['chain height', n.chainHeight],
    ['valid block', n.validBlock === null ? 'none (records wait)' : n.validBlock],
    ['records in branch', n.records],
    ['Flowcoins', balance === null ? 'unknown' : balance],
    ...Object.entries(n.counters),
  ];
  $('node-facts').replaceChildren(...facts.flatMap(([k, v]) => [el('dt', k), el('dd', v)]));
  return n;
}

async function refreshRing() {
  const ring = await getJson('/api/ring/members');
  drawRing($('ring'), ring);
  $('ring-note').textContent = ring.wholeRing
    ? 'The successor list goes round the whole ring: these are all its members.'
    : 'Only the members this node knows are drawn; others may lie between them (dashed).';
  $('members').tBodies[0].replaceChildren(...ring.members.map((m) => {
    const tr = el('tr');
    tr.dataset.nodeId = m.nodeId;
    tr.append(el('td', short(m.nodeId, 12), 'mono'), el('td', m.roles.join(', ')),
      el('td', m.state, m.state === 'unreachable' ? 'invalid'
        : m.state === 'unknown' ? 'pending' : 'valid'),
      el('td', m.balance === null ? '?' : m.balance));
    return tr;
  }));
}

async function refreshBlocks(height) {
  const from = Math.max(0, height - BLOCKS_SHOWN + 1);
  const blocks = await getJson(`/api/blocks?from=${from}&limit=${BLOCKS_SHOWN}`);
  $('blocks').tBodies[0].replaceChildren(...blocks.reverse().map((b) => {
    const tr = el('tr');
    tr.append(el('td', b.no), el('td', short(b.hash, 12), 'mono'),
      el('td', b.valid ? 'valid' : 'invalid: ' + b.invalidReason, b.valid ? 'valid' : 'invalid'),
      el('td', b.sealedNo === 0 ? '–' : '#' + b.sealedNo
        + (b.sealedReason ? ' (' + b.sealedReason + ')' : '')),
      el('td', b.sealedNo === 0 ? '–' : b.sealedRecords),
      el('td', new Date(b.timestamp).toLocaleTimeString()));
    return tr;
  }));
}

/** Checks a record this node recorded against its branch: its block has the hash it names. */
async function checkInBranch(record, cell) {
  try {
    const [block] = await getJson(`/api/blocks?from=${record.blockNo}&limit=1`);
    const ok = block && block.hash === record.blockHash;
    cell.textContent = ok ? '✓ in block ' + block.no + ' of this branch'
      + (block.valid ? '' : ' (now closed)') : '✗ block hash differs';
    cell.className = ok ? 'valid' : 'invalid';
  } catch (e) {
    cell.textContent = 'not checked: ' + e.message;
    cell.className = 'pending';
  }
}

/** Checks a receipt against the record: same txID, block hash and recorder as its block. */
function checkReceipt(record, receipt, cell) {
  const ok = receipt.txID === record.txID && receipt.block.hash === record.blockHash
    && receipt.block.miner === record.recorder && receipt.recorder === record.recorder;
  cell.textContent = ok ? `✓ receipt: block ${receipt.blockNo} of ${short(record.recorder, 8)},`
    + ` copies: ${receipt.copies}` : '✗ receipt does not match the record';
  cell.className = ok ? 'valid' : 'invalid';
}

/** The row of a record, made once per txID (it may come on both streams). */
function rowOf(r) {
  const body = $('records').tBodies[0];
  for (const row of body.rows) {
    if (row.dataset.txId === r.txID) return row;
  }
  recordsSeen++;
  $('record-count').textContent = recordsSeen;
  const tr = el('tr', undefined, 'fresh');
  tr.dataset.txId = r.txID;
  tr.dataset.objectId = r.objectId;
  tr.append(el('td', new Date(r.recordedAt).toLocaleTimeString()), el('td', r.objectId),
    el('td', short(r.txID, 12), 'mono'), el('td', r.blockNo), el('td', ''),
    el('td', 'checking…', 'pending'), el('td', '–'),
    el('td', r.payloadEncoding ? r.payload.length + ' bytes (base64)' : r.payload, 'data'));
  body.prepend(tr);
  while (body.rows.length > MAX_RECORDS) body.deleteRow(body.rows.length - 1);
  return tr;
}

function addWay(row, way) {
  const cell = row.cells[4];
  if (!cell.textContent.includes(way)) {
    cell.textContent = cell.textContent ? cell.textContent + ', ' + way : way;
  }
}

const APPROVAL = 6;
/** txIDs verified here before their row was drawn (the two streams do not keep each other's order). */
const verifiedEarly = new Map();

function showVerified(row, v) {
  const cell = row.cells[APPROVAL];
  cell.textContent = `✓ verified, ${v.confirmations + 1}/${v.replicaSet} confirmed`;
  cell.title = `approved by endpoint ${v.approver} at ${new Date(v.approvedAt).toLocaleString()},`
    + ` verified at ${new Date(v.verifiedAt).toLocaleString()}`;
  cell.className = 'valid verified';
}

function recorded(r) {
  const row = rowOf(r);
  addWay(row, 'recorded here');
  checkInBranch(r, row.cells[5]);
  const early = verifiedEarly.get(r.txID);
  if (early) {
    showVerified(row, early);
  } else if (!row.cells[APPROVAL].classList.contains('verified')) {
    row.cells[APPROVAL].textContent = 'awaiting approval';
    row.cells[APPROVAL].className = 'pending';
  }
}

function acknowledged(m) {
  const row = rowOf(m.record);
  addWay(row, 'submitted here');
  if (row.cells[5].className !== 'valid') checkReceipt(m.record, m.receipt, row.cells[5]);
  if (row.cells[APPROVAL].textContent === '–' && m.record.recorder !== $('node-id').textContent) {
    row.cells[APPROVAL].textContent = 'at its recorder ' + short(m.record.recorder, 8);
  }
}

function verified(v) {
  const row = [...$('records').tBodies[0].rows].find((r) => r.dataset.txId === v.txID);
  if (row) {
    showVerified(row, v);
  } else {
    verifiedEarly.set(v.txID, v);
    if (verifiedEarly.size > MAX_RECORDS) verifiedEarly.delete(verifiedEarly.keys().next().value);
  }
  safely(refreshNode); // the balance
}

async function refreshAll() {
  const n = await refreshNode();
  await Promise.all([refreshRing(), refreshBlocks(n.chainHeight)]);
}

function safely(task) {
  task().then(
    () => { $('live').title = 'the event stream'; },
    (e) => { $('live').title = 'last refresh failed: ' + e.message; },
  );
}

const streamOpen = {
  recordRecorded: false, recordVerified: false, readings: false, blockMined: false,
};
function streamState(name) {
  return (open) => {
    streamOpen[name] = open;
    const live = Object.values(streamOpen).every((o) => o);
    $('live').textContent = live ? 'events: live' : 'events: reconnecting';
    $('live').className = 'badge ' + (live ? 'ok' : 'off');
  };
}

follow('/api/events/recordRecorded', recorded, streamState('recordRecorded'));
follow('/api/events/recordVerified', verified, streamState('recordVerified'));
follow('/api/readings', acknowledged, streamState('readings'));
follow('/api/events/blockMined',
  () => safely(async () => refreshBlocks((await refreshNode()).chainHeight)),
  streamState('blockMined'));
safely(refreshAll);
setInterval(() => safely(refreshAll), POLL_MS);
