/**
 * The one content security policy for the app's pages, served by the relay and enforced again
 * by the desktop window: only our own scripts, styles and sockets; no plugins, frames or forms.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self' ws: wss: https:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";
