/** Small response helpers: JSON/text bodies with a length, optional forced close. */
import type { ServerResponse } from 'node:http';

export function sendJson(res: ServerResponse, status: number, body: string, close = false): void {
  send(res, status, body, 'application/json; charset=utf-8', close);
}

export function sendText(res: ServerResponse, status: number, body: string, close = false): void {
  send(res, status, body, 'text/plain; charset=utf-8', close);
}

function send(res: ServerResponse, status: number, body: string, type: string, close: boolean): void {
  if (res.headersSent || res.writableEnded) return;
  const buf = Buffer.from(body, 'utf8');
  const headers: Record<string, string | number> = { 'Content-Type': type, 'Content-Length': buf.length };
  // A body we did not read must not be taken for the next request on this connection.
  if (close) headers.Connection = 'close';
  res.writeHead(status, headers);
  res.end(buf);
}

/** The host part of the Host header (what the client used to reach us), or the fallback. */
export function requestHost(hostHeader: string | undefined, fallback: string): string {
  if (hostHeader === undefined || hostHeader === '') return fallback;
  if (hostHeader.startsWith('[')) return hostHeader.slice(0, hostHeader.indexOf(']') + 1);
  return hostHeader.split(':')[0] ?? fallback;
}
