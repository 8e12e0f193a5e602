// A TLS certificate for 127.0.0.1 and localhost, made fresh for a test run, with the SPKI hash
// Chromium's --ignore-certificate-errors-spki-list takes to trust exactly this key.
import { generate } from 'selfsigned';
import { X509Certificate, createHash } from 'node:crypto';

export interface TestCertificate {
  cert: string;
  key: string;
  /** base64 SHA-256 of the certificate's SubjectPublicKeyInfo */
  spki: string;
}

/** `names`: more DNS names the certificate is for (a test maps them to 127.0.0.1 in the browser). */
export async function makeTestCertificate(names: readonly string[] = []): Promise<TestCertificate> {
  const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [{ type: 2, value: 'localhost' }, ...names.map((value) => ({ type: 2 as const, value })), { type: 7, ip: '127.0.0.1' }],
      },
    ],
  });
  const der = new X509Certificate(pems.cert).publicKey.export({ type: 'spki', format: 'der' });
  return { cert: pems.cert, key: pems.private, spki: createHash('sha256').update(der).digest('base64') };
}
