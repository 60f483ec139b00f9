// Starts s3rver (a real S3 protocol server) for the tests and for local runs: one bucket whose CORS rule
// allows browser uploads from the given origins (a loopback origin in both spellings, localhost and 127.0.0.1),
// on loopback only. The bucket and its CORS rule come from s3rver's own configuration because the .NET SDK's
// bucket-level calls trip its trailing-slash signature check.
// With --notify, forwards every S3 event it raises to that URL as S3 delivers events to Lambda.
// Prints one JSON line {"port": N} once it accepts connections. Stops on SIGTERM or SIGINT.
'use strict'
const { parseArgs } = require('node:util')
const S3rver = require('@20minutes/s3rver')

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    directory: { type: 'string' },
    bucket: { type: 'string' },
    'cors-origin': { type: 'string', multiple: true, default: [] },
    // The .NET SDK signs bucket-level requests (ListObjectsV2) for "/bucket/", s3rver checks "/bucket": only a
    // server for those calls may let that mismatch through, never one whose signature checks are under test.
    'allow-mismatched-signatures': { type: 'boolean', default: false },
    notify: { type: 'string' },
  },
})
if (!values.directory || !values.bucket) {
  console.error('usage: node s3rver.js --directory <dir> --bucket <name> [--port <n>] [--cors-origin <origin>]… [--allow-mismatched-signatures] [--notify <url>]')
  process.exit(2)
}

const escapeXml = (text) => text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`)
// To a browser, a page on http://localhost:5000 and one on http://127.0.0.1:5000 are different origins, though they
// are the same local server; a rule for either spelling allows both, so the upload works whichever one is open.
const loopbackTwin = (origin) => {
  const url = URL.canParse(origin) ? new URL(origin) : null
  if (url?.hostname === 'localhost') url.hostname = '127.0.0.1'
  else if (url?.hostname === '127.0.0.1') url.hostname = 'localhost'
  else return []
  return [url.origin]
}
const origins = [...new Set(values['cors-origin'].flatMap((origin) => [origin, ...loopbackTwin(origin)]))]
const cors = `<CORSConfiguration><CORSRule>${origins
  .map((origin) => `<AllowedOrigin>${escapeXml(origin)}</AllowedOrigin>`)
  .join('')}<AllowedMethod>GET</AllowedMethod><AllowedMethod>POST</AllowedMethod><AllowedHeader>*</AllowedHeader><MaxAgeSeconds>3000</MaxAgeSeconds></CORSRule></CORSConfiguration>`

const server = new S3rver({
  address: '127.0.0.1',
  port: Number(values.port),
  directory: values.directory,
  silent: true,
  allowMismatchedSignatures: values['allow-mismatched-signatures'],
  configureBuckets: [{ name: values.bucket, configs: origins.length ? [cors] : [] }],
})

// S3 URL-encodes event keys with '+' for spaces (slashes kept); s3rver's events carry raw keys.
const encodeKey = (key) => encodeURIComponent(key).replace(/%2F/g, '/').replace(/%20/g, '+')

async function forward(url, event) {
  for (const record of event.Records) record.s3.object.key = encodeKey(record.s3.object.key)
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(event),
    })
    if (!response.ok) console.error(`forwarding an event to ${url}: HTTP ${response.status}`)
  } catch (error) {
    console.error(`forwarding an event to ${url}: ${error.message}`)
  }
}
if (values.notify) server.on('event', (event) => forward(values.notify, event))

server.run().then(
  ({ port }) => console.log(JSON.stringify({ port })),
  (error) => {
    console.error(error)
    process.exit(1)
  },
)
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.close().finally(() => process.exit(0)))
