// The node's REST API and event streams, as the dashboard reads them (docs/wot.md).

/** GET a JSON document of this node; throws with the problem's detail on an error status. */
export async function getJson(path) {
  const res = await fetch(path, { headers: { Accept: 'application/json' } });
  const body = await res.json();
  if (!res.ok) {
    throw new Error(body.detail || body.title || res.status + ' on ' + path);
  }
  return body;
}

/**
 * Follows a Server-Sent Events stream of the node (/api/events/{name}, /api/readings): onEvent gets each event's
 * JSON, onState whether the stream is open. EventSource reconnects by itself after a drop.
 */
export function follow(path, onEvent, onState) {
  const source = new EventSource(path);
  source.onopen = () => onState(true);
  source.onerror = () => onState(false);
  source.onmessage = (e) => onEvent(JSON.parse(e.data));
  return source;
}

/** Shortens a hex id for display: its first digits and an ellipsis. */
export function short(hex, digits = 10) {
  return hex && hex.length > digits ? hex.slice(0, digits) + '…' : hex || '';
}

/** An element with text and class names. */
export function el(tag, text, className) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = String(text);
  if (className) e.className = className;
  return e;
}
