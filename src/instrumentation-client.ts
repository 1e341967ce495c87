import { z } from 'zod';

// Zod probes whether it may compile parsers with `new Function` the first time it parses an
// object; under the page CSP (no 'unsafe-eval', docs/production.md) that probe is a reported
// violation. In the browser parse without compiling; the server keeps the fast path.
z.config({ jitless: true });
