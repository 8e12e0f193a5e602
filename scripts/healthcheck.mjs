// The container's HEALTHCHECK: asks the host on this machine for /api/health, over HTTPS when
// it was started with a certificate (checked on loopback only, so any certificate will do) and
// plain HTTP otherwise. Exit 0 when healthy, 1 otherwise; no output beyond one line on failure.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

const port = Number(process.env.SLC_PORT || 8080);

function healthy(request, extra) {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/api/health', timeout: 4000, ...extra }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
    req.end();
  });
}

const ok = (await healthy(httpsRequest, { rejectUnauthorized: false })) || (await healthy(httpRequest, {}));
if (!ok) console.error(`No healthy answer from 127.0.0.1:${port}/api/health.`);
process.exit(ok ? 0 : 1);
