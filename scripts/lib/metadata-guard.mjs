// Preloaded with `--import` (NODE_OPTIONS) into every Node process the local stack starts: Next,
// firebase-tools, the orchestrator. Nothing local may reach the cloud metadata server
// (169.254.169.254, metadata.google.internal): off Google Cloud it is somebody else's address,
// and a library probing it means a credential lookup we did not intend. METADATA_SERVER_DETECTION
// =none keeps google-auth-library away; this guard is the tripwire for any code path that ignores
// it. It refuses the connection and records it, with the stack, in METADATA_PROBE_LOG (and on
// stderr), together with any MetadataLookupWarning, so a test can fail on either.
import fs from 'node:fs';
import net from 'node:net';

const METADATA_HOSTS = new Set(['169.254.169.254', 'metadata.google.internal', 'metadata.google.internal.', 'metadata', 'fd00:ec2::254']);
// Its own test stands a loopback address in for the metadata server, so a guard that fails open
// reaches a local listener instead of the real address.
for (const extra of (process.env.METADATA_GUARD_TEST_HOSTS ?? '').split(',')) if (extra.trim()) METADATA_HOSTS.add(extra.trim());

if (!globalThis.__bakedbotMetadataGuard) {
  globalThis.__bakedbotMetadataGuard = { hosts: [...METADATA_HOSTS] };

  const record = (line) => {
    const entry = `[${new Date().toISOString()}] pid ${process.pid}: ${line}\n`;
    process.stderr.write(`bakedbot metadata guard: ${entry}`);
    const file = process.env.METADATA_PROBE_LOG;
    if (file) {
      try {
        fs.appendFileSync(file, entry);
      } catch {
        /* the log is best effort; stderr already has it */
      }
    }
  };

  const targetHost = (given) => {
    // net.connect() and http agents hand over their normalized [options, callback] as one array.
    const args = Array.isArray(given[0]) ? given[0] : given;
    const first = args[0];
    if (first && typeof first === 'object' && !Array.isArray(first)) return first.host ?? first.hostname;
    if (typeof args[1] === 'string') return args[1];
    return undefined;
  };

  const originalConnect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function guardedConnect(...args) {
    const host = String(targetHost(args) ?? '').toLowerCase();
    if (METADATA_HOSTS.has(host)) {
      record(`refused a connection to the metadata server (${host})\n${new Error('metadata probe').stack}`);
      const err = Object.assign(new Error(`connect ECONNREFUSED ${host} (refused by the local metadata guard)`), { code: 'ECONNREFUSED' });
      process.nextTick(() => this.destroy(err));
      return this;
    }
    return originalConnect.apply(this, args);
  };

  process.on('warning', (warning) => {
    if (warning && warning.name === 'MetadataLookupWarning') record(`MetadataLookupWarning: ${warning.message}\n${warning.stack ?? ''}`);
  });
}
