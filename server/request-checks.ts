// Checks on who is asking, shared by the socket upgrade and the JSON API: the page's Origin
// (against cross-site WebSocket hijacking and cross-site form posts) and the Host header
// (against DNS rebinding, where a web page reaches a loopback-only endpoint under its own name).
import type { IncomingMessage } from 'node:http';

/**
 * Non-browser clients (the stock Node client, tools) send no Origin; browsers always do, and a
 * page may only talk to the relay it was served from or an origin the host allowed explicitly.
 */
export function originAllowed(req: IncomingMessage, allowedOrigins: readonly string[] = []): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  if (allowedOrigins.includes(origin)) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

export function isLoopbackAddress(req: IncomingMessage): boolean {
  const a = req.socket.remoteAddress ?? '';
  return a === '::1' || a.startsWith('127.') || a.startsWith('::ffff:127.');
}

/** Whether the Host header names this machine's loopback interface (not some other DNS name). */
export function hostIsLoopback(req: IncomingMessage): boolean {
  const host = req.headers.host;
  if (!host) return false;
  let hostname: string;
  try {
    hostname = new URL(`http://${host}`).hostname;
  } catch {
    return false;
  }
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/**
 * Who is asking, for per-address limits. Requests from this machine may name the real guest in
 * X-Forwarded-For (the desktop app's local-network proxy does); nobody else is believed.
 */
export function clientAddress(req: IncomingMessage): string {
  const forwarded = req.headers['x-forwarded-for'];
  if (isLoopbackAddress(req) && typeof forwarded === 'string' && forwarded.trim()) return forwarded.split(',')[0]!.trim();
  return req.socket.remoteAddress ?? '';
}
