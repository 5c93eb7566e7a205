// Self-check: starts server.mjs on a free port, exercises it over HTTP, exits non-zero on any mismatch.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

const started = Date.now();
setTimeout(() => (console.log('smoke: timed out'), process.exit(1)), 120_000).unref();
const server = spawn(process.execPath, [new URL('./server.mjs', import.meta.url).pathname, '--port', '0'], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
const [line] = await Promise.race([
  once(createInterface({ input: server.stdout }), 'line'),
  once(server, 'exit').then(() => ['server exited before listening']),
]);
const base = /listening on (\S+)/.exec(line)?.[1];
let passed = 0;
let failed = 0;
function check(name, ok, detail) {
  ok ? passed++ : failed++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${ok ? '' : ' -> ' + JSON.stringify(detail)}`);
}
async function call(method, path, body) {
  const res = await fetch(base + path, {
    method, headers: { 'content-type': 'application/fhir+json' }, body: body && JSON.stringify(body),
  });
  return { status: res.status, type: res.headers.get('content-type'), json: await res.json() };
}

try {
  check('server printed its URL', !!base, line);
  const ident = { system: 'urn:fhirsync:test', value: 'mrn-1' };
  let r = await call('GET', '/metadata');
  check('GET metadata', r.status === 200 && r.json.resourceType === 'CapabilityStatement' && r.type.startsWith('application/fhir+json'), r);
  r = await call('PUT', '/Patient/abc', { resourceType: 'Patient', id: 'abc', identifier: [ident] });
  check('PUT Patient/abc creates with client id', r.status === 201 && r.json.id === 'abc', r);

  const obs = (i) => ({ resourceType: 'Observation', id: `obs-${i}`, status: 'final', code: { text: 'hr' },
    subject: { reference: 'Patient/abc' }, valueQuantity: { value: i } });
  const entry = Array.from({ length: 60 }, (_, i) => ({ resource: obs(i), request: { method: 'PUT', url: `Observation/obs-${i}` } }));
  r = await call('POST', '', { resourceType: 'Bundle', type: 'transaction', entry });
  const ok = r.json.entry?.every((e, i) => e.response.status === '201' && e.response.location === `Observation/obs-${i}`);
  check('transaction of 60 PUTs', r.status === 200 && r.json.type === 'transaction-response' && r.json.entry.length === 60 && ok, r.status);

  r = await call('GET', '/Patient/abc');
  check('read Patient/abc', r.status === 200 && r.json.identifier[0].value === 'mrn-1', r);
  r = await call('GET', '/Observation?subject=Patient/abc&_summary=count');
  check('search Observation by subject counts 60', r.json.total === 60 && !r.json.entry, r.json);
  r = await call('GET', '/Observation?subject=Patient/abc&_count=25');
  check('_count paging', r.json.entry.length === 25 && r.json.link.some((l) => l.relation === 'next'), r.json.link);

  r = await call('PUT', `/Patient?identifier=${ident.system}|${ident.value}`, { resourceType: 'Patient', identifier: [ident], active: true });
  check('conditional update by identifier', r.status === 200 && r.json.id === 'abc' && r.json.active === true, r);
  r = await call('GET', `/Patient?identifier=${ident.system}|${ident.value}`);
  check('search Patient by identifier', r.json.total === 1 && r.json.entry[0].resource.active === true, r.json);

  r = await call('POST', '', { resourceType: 'Bundle', type: 'transaction', entry: [
    { resource: { resourceType: 'Patient', id: 'tx-new' }, request: { method: 'PUT', url: 'Patient/tx-new' } },
    { resource: { resourceType: 'Patient', id: 'bad', notAField: 1 }, request: { method: 'PUT', url: 'Patient/bad' } },
  ] });
  const after = await call('GET', '/Patient/tx-new');
  check('failed transaction is rolled back', r.status === 400 && r.json.resourceType === 'OperationOutcome' && after.status === 404, [r, after.status]);

  r = await call('DELETE', '/Observation/obs-0');
  const gone = await call('GET', '/Observation/obs-0');
  check('DELETE', r.status === 200 && gone.status === 404 && gone.json.resourceType === 'OperationOutcome', [r.status, gone.status]);
} catch (err) {
  check('no exception', false, String(err?.stack ?? err));
} finally {
  const code = server.exitCode ?? (server.kill('SIGTERM'), (await once(server, 'exit'))[0]);
  check('server exits cleanly on SIGTERM', code === 0, code);
}
console.log(`smoke: ${passed} passed, ${failed} failed (${Date.now() - started} ms)`);
process.exit(failed ? 1 : 0);
